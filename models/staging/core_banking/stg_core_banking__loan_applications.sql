select {{ star_except(quarantine_column_names()) }}
from {{ ref('base_core_banking__loan_applications') }}
where rejection_reason is null
