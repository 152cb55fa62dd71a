// What a service that embeds the runtime uses from the modules below it, re-exported, so that
// `import KundvalRuntime` is the one import it needs (also with `MemberImportVisibility`, where
// the members of a type are visible only where the module that declares it is imported):
//
// - everything of `KundvalDiagnostics`: rules given as text are `SourceFile`s, and a load
//   failure's diagnostics (`FileDiagnostics`, `Diagnostic`, `SourceSpan`, `DiagnosticCode`)
//   are read field by field;
// - of `KundvalSyntax`, only `DocumentKind` (a compiled document's `kind`): the syntax tree
//   stays out of the service's names.

@_exported import KundvalDiagnostics
@_exported import enum KundvalSyntax.DocumentKind
