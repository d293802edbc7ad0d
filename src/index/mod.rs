//! The tantivy index: schema, Swedish analyzer, upsert by id.
