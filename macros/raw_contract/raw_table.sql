{% macro raw_table(table_name) %}
    {#-
        The raw input contract table that staging reads: the core_banking source (files or
        warehouse tables), or an adapter's mapping of another layout into the contract
        (var source_adapter, e.g. 'berka').
    -#}
    {%- set adapter_name = var('source_adapter') -%}
    {%- if adapter_name == 'core_banking' -%}
        {{ return(source('core_banking', table_name)) }}
    {%- elif adapter_name == 'berka' -%}
        {{ return(berka_contract_model(table_name)) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "source_adapter: '" ~ adapter_name ~ "' is not core_banking or berka") }}
    {%- endif -%}
{% endmacro %}
