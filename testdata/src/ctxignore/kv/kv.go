// Package kv is a client in the style of many third-party clients: each
// call has a variant taking a context.
package kv

import "context"

type Client struct{}

func (c *Client) Get(key string) (string, error) { return c.GetContext(context.Background(), key) }

func (c *Client) GetContext(ctx context.Context, key string) (string, error) { return "", ctx.Err() }

func (c *Client) Put(key, value string) error {
	return c.PutWithContext(context.Background(), key, value)
}

func (c *Client) PutWithContext(ctx context.Context, key, value string) error { return ctx.Err() }

// Watch's variant takes an extra argument: not the same parameters.
func (c *Client) Watch(key string) {}

func (c *Client) WatchContext(ctx context.Context, key string, buffer int) {}

// Close has no variant.
func (c *Client) Close() error { return nil }

// Fetch and FetchContext are package-level.
func Fetch(url string) ([]byte, error) { return FetchContext(context.Background(), url) }

func FetchContext(ctx context.Context, url string) ([]byte, error) { return nil, ctx.Err() }

// Cache is generic.
type Cache[V any] struct{}

func (c *Cache[V]) Load(key string) (V, bool) { return c.LoadContext(context.Background(), key) }

func (c *Cache[V]) LoadContext(ctx context.Context, key string) (V, bool) {
	var zero V
	return zero, false
}

// Map is a generic function with a variant.
func Map[T any](xs []T, f func(T) T) []T { return MapContext(context.Background(), xs, f) }

func MapContext[T any](ctx context.Context, xs []T, f func(T) T) []T { return xs }

// Store is an interface with both forms.
type Store interface {
	Save(key string) error
	SaveContext(ctx context.Context, key string) error
}
