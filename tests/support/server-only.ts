// Stands in for the "server-only" guard package when tests import domain modules directly.
export {};
