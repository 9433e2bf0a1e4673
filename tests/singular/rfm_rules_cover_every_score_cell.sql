-- Every (R, FM) cell of the 5 x 5 grid is covered by at least one RFM rule.
with

scores as (

    select 1 as score
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5

),

cells as (

    select
        r_scores.score as r_score,
        fm_scores.score as fm_score
    from scores as r_scores
    cross join scores as fm_scores

),

matches as (

    select
        cells.r_score,
        cells.fm_score,
        count(rules.rfm_label) as matching_rules
    from cells
    left join {{ ref('rfm_segment_rules') }} as rules
        on
            cells.r_score between rules.r_score_min and rules.r_score_max
            and cells.fm_score between rules.fm_score_min and rules.fm_score_max
    group by cells.r_score, cells.fm_score

)

select * from matches
where matching_rules = 0
