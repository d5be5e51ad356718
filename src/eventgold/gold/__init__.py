"""Gold builder: agreement, adjudication, near-duplicates, splits, exports, dataset card."""
