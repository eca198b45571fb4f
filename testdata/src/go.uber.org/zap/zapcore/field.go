// Package zapcore is a minimal stub of go.uber.org/zap/zapcore for fixtures.
package zapcore

// A FieldType indicates which member of the Field union struct should be used.
type FieldType uint8

// A Field is a marshaling operation used to add a key-value pair to a
// logger's context.
type Field struct {
	Key       string
	Type      FieldType
	Integer   int64
	String    string
	Interface any
}
