//! The register: records to agreements, pages of one agreement linked, values merged with their sources. Pure.
