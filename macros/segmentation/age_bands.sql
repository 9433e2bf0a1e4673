{% macro age_bands() %}
    {#- The age bands of the segment marts, youngest first: each band's name and the age it
        ends before (the last has no end). The one place they are written; a customer
        without a known age is in band 'unknown'. -#}
    {{ return([
        {'band': '18-29', 'below': 30},
        {'band': '30-44', 'below': 45},
        {'band': '45-59', 'below': 60},
        {'band': '60-74', 'below': 75},
        {'band': '75+'},
    ]) }}
{% endmacro %}

{% macro age_band(age_years) %}
    {#- The age band (macro age_bands) of an age in years; 'unknown' when it is null. -#}
    case
        when {{ age_years }} is null then 'unknown'
        {%- for band in age_bands() %}
            {%- if band.below %}
                when {{ age_years }} < {{ band.below }} then '{{ band.band }}'
            {%- else %}
                else '{{ band.band }}'
            {%- endif %}
        {%- endfor %}
    end
{% endmacro %}

{% macro age_band_share_column(band) %}
    {#- The segment_summary column of a band's share: '75+' -> age_75_plus_share. -#}
    {{ return('age_' ~ band | replace('-', '_') | replace('+', '_plus') ~ '_share') }}
{% endmacro %}
