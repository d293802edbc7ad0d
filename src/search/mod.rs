//! Query to hits; funding aggregation. Hit and FundingRow live here.
