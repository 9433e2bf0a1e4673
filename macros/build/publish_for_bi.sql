{% macro publish_for_bi() %}
    {#-
        on-run-end: write, audit, publish. A dbt build that passed copies the BI-facing marts
        (tagged bi) and publication_manifest into a new file and renames it over the published
        snapshot BI tools read (bank_segmentation.publication); any other run leaves the
        snapshot as it was and says why. The last line of the build's log either way.
    -#}
    {%- if not execute or invocation_args_dict.which not in ('build', 'run') -%}
        {{ return('') }}
    {%- endif -%}
    {%- if target.type != 'duckdb' -%}
        {%- do log('Not published: on ' ~ target.type ~ ', BI tools read the schema '
            ~ target.schema ~ ' itself (docs/publishing.md).', info=true) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set snapshot = run_query('select published_snapshot_path(' ~ sql_character(target.path)
        ~ ')').columns[0].values()[0] -%}
    {%- set refusal = publication_refusal(results) -%}
    {%- if refusal -%}
        {%- do log('Not published: ' ~ refusal ~ '. BI tools still read ' ~ snapshot
            ~ ' as it was.', info=true) -%}
        {{ return('') }}
    {%- endif -%}
    {%- do write_snapshot(snapshot) -%}
    {%- do log('Published: ' ~ snapshot, info=true) -%}
{% endmacro %}

{% macro bi_models() %}
    {#- name -> relation of every model tagged bi, as this run built it -#}
    {%- set models = {} -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model'
        and 'bi' in node.config.tags -%}
        {%- do models.update({node.name: node.relation_name}) -%}
    {%- endfor -%}
    {{ return(models) }}
{% endmacro %}

{% macro publication_refusal(results) %}
    {#- why this run may not publish, or '' -#}
    {%- if invocation_args_dict.which != 'build' -%}
        {{ return('dbt ' ~ invocation_args_dict.which ~ ' runs no test; only dbt build publishes') }}
    {%- endif -%}
    {%- if invocation_args_dict.get('empty') -%}
        {{ return('dbt build --empty builds no row') }}
    {%- endif -%}
    {%- set failed = [] -%}
    {%- set skipped = [] -%}
    {%- set built = [] -%}
    {%- for result in results -%}
        {%- if result.status in ('error', 'fail', 'runtime error') -%}
            {%- do failed.append(result.node.name ~ ' (' ~ result.status ~ ')') -%}
        {%- elif result.status == 'skipped' -%}
            {%- do skipped.append(result.node.name) -%}
        {%- elif result.node.resource_type == 'model' -%}
            {%- do built.append(result.node.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if failed or skipped -%}
        {{ return(((failed | length ~ ' node(s) failed: ' ~ failed[:5] | join(', ')
            ~ (' and more' if failed | length > 5 else '')) if failed else 'nothing failed')
            ~ (', ' ~ skipped | length ~ ' skipped' if skipped else '')) }}
    {%- endif -%}
    {%- set unbuilt = bi_models().keys() | reject('in', built) | list -%}
    {%- if unbuilt -%}
        {{ return('this run did not build every BI mart (not built: ' ~ (unbuilt | sort)[:5]
            | join(', ') ~ (' and ' ~ (unbuilt | length - 5) ~ ' more' if unbuilt | length > 5
            else '') ~ '); a dbt build of all of them publishes') }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}

{% macro write_snapshot(snapshot) %}
    {%- set models = bi_models() -%}
    {%- set next_file = run_query('select begin_publication(' ~ sql_character(snapshot)
        ~ ')').columns[0].values()[0] -%}
    {%- do run_query('attach ' ~ sql_character(next_file) ~ ' as bi_publication') -%}
    {%- for name in models | sort -%}
        {%- do run_query('create table bi_publication.main.' ~ name ~ ' as select * from '
            ~ models[name]) -%}
    {%- endfor -%}
    {%- do run_query(publication_manifest_table(models | sort)) -%}
    {%- do run_query('checkpoint bi_publication') -%}
    {%- do run_query('detach bi_publication') -%}
    {%- do run_query('select complete_publication(' ~ sql_character(snapshot) ~ ')') -%}
{% endmacro %}

{% macro publication_manifest_table(tables) %}
    {#- one row per published table: its rows, with what BI shows as "data as of" -#}
    create table bi_publication.main.publication_manifest as
    with

    published_tables as (
        {% for name in tables -%}
        select '{{ name }}' as table_name, count(*) as row_count
        from bi_publication.main.{{ name }}
        {% if not loop.last %}union all{% endif %}
        {% endfor %}
    ),

    current_segments as (
        select
            as_of_date,
            model_version,
            model_verdict
        from bi_publication.main.segment_summary
        qualify as_of_date = max(as_of_date) over ()
        limit 1
    )

    select
        published_tables.table_name,
        published_tables.row_count,
        current_segments.as_of_date,
        current_segments.model_version,
        current_segments.model_verdict,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as built_at,
        cast(current_timestamp at time zone 'UTC' as timestamp) as published_at,
        '{{ invocation_id }}' as dbt_invocation_id
    from published_tables
    left join current_segments on true
    order by published_tables.table_name
{% endmacro %}
