"""What every audience blueprint shares: access rules, errors, security headers, languages."""
