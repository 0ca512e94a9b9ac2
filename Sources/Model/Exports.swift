// The Codable Argo types build on ModelBase (JSON, path rules, the emissary's template view); whoever imports
// Model sees both, while what main containers run (Emissary, LeanCLI) links ModelBase alone (docs/build.md,
// "Two binaries").
@_exported import ModelBase
