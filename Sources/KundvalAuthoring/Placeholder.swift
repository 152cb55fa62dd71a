// Placeholder while the module is built (issue 17); removed when its first real file lands.
