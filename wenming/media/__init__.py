"""Official-account articles: kept in step with their domain events, commentable and likeable."""
