{% macro check_settings() %}
    {#-
        on-run-start, first: stop before anything runs when a setting passed to the build
        (--vars, so every key of a delivery file) is not one the project reads, naming the
        closest known one; the same for the keys inside raw_table_settings and
        raw_code_mappings. The known settings are the keys of var settings (dbt_project.yml).
    -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set known = var('settings').keys() | list -%}
    {%- set given = invocation_args_dict.get('vars') or {} -%}
    {%- if given is string -%}
        {%- set given = fromyaml(given) or {} -%}
    {%- endif -%}
    {%- for name in given if name not in known -%}
        {{ exceptions.raise_compiler_error(
            "unknown setting '" ~ name ~ "' (in --vars or the delivery file): did you mean '"
            ~ closest_name(name, known) ~ "'? Rule: only the settings the project reads are "
            ~ "accepted, so that a misspelled one never passes silently; each is listed with "
            ~ "its default in dbt_project.yml (vars) and in docs/settings.md.") }}
    {%- endfor -%}
    {%- do check_raw_table_settings() -%}
    {%- do check_raw_code_mappings() -%}
{% endmacro %}

{% macro check_raw_table_settings() %}
    {#- var raw_table_settings names contract tables and reading settings only. -#}
    {%- for table_name, settings in (var('raw_table_settings') or {}).items() -%}
        {%- do check_known_key('raw_table_settings', table_name, core_banking_tables(),
            'a raw table') -%}
        {%- for setting in settings -%}
            {%- do check_known_key('raw_table_settings.' ~ table_name, setting,
                raw_reading_settings(), 'a reading setting') -%}
        {%- endfor -%}
    {%- endfor -%}
{% endmacro %}

{% macro check_raw_code_mappings() %}
    {#- var raw_code_mappings maps codes of the coded columns only, to codes of their list. -#}
    {%- set coded = coded_columns() -%}
    {%- for table_name, columns in (var('raw_code_mappings') or {}).items() -%}
        {%- do check_known_key('raw_code_mappings', table_name, coded.keys() | list,
            'a raw table with coded columns') -%}
        {%- for column_name, mapping in columns.items() -%}
            {%- set where = 'raw_code_mappings.' ~ table_name -%}
            {%- do check_known_key(where, column_name, coded[table_name].keys() | list,
                'a coded column of ' ~ table_name) -%}
            {%- set accepted = contract_codes(coded[table_name][column_name]) -%}
            {%- for bank_code, contract_code in mapping.items()
                if contract_code not in accepted -%}
                {{ exceptions.raise_compiler_error(
                    where ~ "." ~ column_name ~ ": '" ~ bank_code ~ "' is mapped to '"
                    ~ contract_code ~ "', which is not a contract code. Rule: a bank's code "
                    ~ "maps to one of " ~ accepted | join(', ') ~ ".") }}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor -%}
{% endmacro %}

{% macro check_known_key(where, key, known, kind) %}
    {%- if key not in known -%}
        {{ exceptions.raise_compiler_error(
            where ~ ": '" ~ key ~ "' is not " ~ kind ~ ": did you mean '"
            ~ closest_name(key, known) ~ "'? (known: " ~ known | join(', ') ~ ")") }}
    {%- endif -%}
{% endmacro %}

{% macro closest_name(name, candidates) %}
    {#- The candidate with the fewest edits (insert, delete, replace a character) from name. -#}
    {%- set best = namespace(name=none, distance=none) -%}
    {%- for candidate in candidates | sort -%}
        {%- set distance = edit_distance(name | lower, candidate | lower) -%}
        {%- if best.distance is none or distance < best.distance -%}
            {%- set best.name = candidate -%}
            {%- set best.distance = distance -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(best.name) }}
{% endmacro %}

{% macro edit_distance(first, second) %}
    {#- Levenshtein distance, row by row. -#}
    {%- set previous = namespace(row=range(second | length + 1) | list) -%}
    {%- for i in range(1, first | length + 1) -%}
        {%- set row = [i] -%}
        {%- for j in range(1, second | length + 1) -%}
            {%- do row.append([
                previous.row[j] + 1,
                row[j - 1] + 1,
                previous.row[j - 1] + (0 if first[i - 1] == second[j - 1] else 1)
            ] | min) -%}
        {%- endfor -%}
        {%- set previous.row = row -%}
    {%- endfor -%}
    {{ return(previous.row[-1]) }}
{% endmacro %}
