//! Precision, recall and F1 per field of extracted records against gold files.
