"""What people look at: the static HTML report now, the web platform later."""
