// Package zap is a minimal stub of go.uber.org/zap for fixtures.
package zap

import "go.uber.org/zap/zapcore"

// Field is an alias for zapcore.Field.
type Field = zapcore.Field

// String constructs a field with the given key and value.
func String(key, val string) Field { return Field{Key: key, String: val} }

// Error is shorthand for NamedError("error", err).
func Error(err error) Field { return Field{Key: "error", Interface: err} }

// A Logger provides fast, leveled, structured logging.
type Logger struct{ name string }

// NewNop returns a no-op Logger.
func NewNop() *Logger { return &Logger{} }

// Debug logs a message at DebugLevel.
func (log *Logger) Debug(msg string, fields ...Field) {}

// Info logs a message at InfoLevel.
func (log *Logger) Info(msg string, fields ...Field) {}

// Sync flushes any buffered log entries.
func (log *Logger) Sync() error { return nil }
