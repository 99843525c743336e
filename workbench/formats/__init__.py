"""Formats in and out beyond plain text: HTML pages, CSV/JSONL batches, URLs, JSONL and ClaimReview exports."""
