"""Mail adapters: parsing, SMTP, IMAP, mbox and Maildir (PRODUCT.md §4.3)."""
