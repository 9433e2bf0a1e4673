select {{ star_except(quarantine_column_names()) }}
from {{ ref('base_core_banking__loans') }}
where rejection_reason is null
