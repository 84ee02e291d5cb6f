"""Reading and writing data files, split by format."""
