"Tracks projects and their tasks"
