internal import CYAML
import Model

/// Owns one libyaml parser reading a caller-held byte buffer through the event API (`yaml_parser_parse`),
/// which keeps its own state on the heap, so no input can make it recurse. Every event is copied into a
/// `YAMLEvent` and deleted at once; the parser is freed in `deinit`.
///
/// The input is read straight from `input`: the caller keeps that buffer alive for this object's lifetime
/// (`YAMLDocuments` scopes both inside one `withUnsafeBufferPointer`) and never passes an empty one, whose
/// base address may be nil (libyaml asserts on a NULL input).
final class EventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>

    init(input: UnsafeBufferPointer<UInt8>) throws(ModelError) {
        guard let base = input.baseAddress, !input.isEmpty else {
            throw ModelError(.internal, "yaml: EventParser needs a non-empty input")
        }
        self.input = input
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            throw ModelError(.internal, "yaml: cannot initialise libyaml's parser (out of memory)")
        }
        // libyaml detects UTF-8 or a UTF-16 byte order mark itself, as go-yaml's port does (reader.go).
        yaml_parser_set_input_string(parser, base, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    func next() throws(ModelError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else { throw failure() }
        defer { yaml_event_delete(&event) }
        let mark = Self.mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd(mark)
        case YAML_DOCUMENT_START_EVENT: return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", mark: mark)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
            return .scalar(ScalarEvent(value: value, anchor: Self.string(s.anchor), tag: Self.string(s.tag) ?? "",
                                       plainImplicit: s.plain_implicit != 0, mark: mark))
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(anchor: Self.string(event.data.sequence_start.anchor), mark: mark)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(anchor: Self.string(event.data.mapping_start.anchor), mark: mark)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: throw YAMLError.at(mark, "unexpected libyaml event \(event.type.rawValue)")
        }
    }

    private static func mark(_ m: yaml_mark_t) -> Mark { Mark(line: Int(m.line) + 1, column: Int(m.column) + 1) }

    /// libyaml hands out NUL-terminated UTF-8 for anchors and tags (validated by its reader).
    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: $0) }
    }

    /// libyaml's own problem text with its marks (1-based). Reader errors (bad UTF-8, control characters)
    /// carry a byte offset instead of a mark; their line and column are counted from the input here.
    private func failure() -> ModelError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return ModelError(.internal, "yaml: out of memory")
        case YAML_READER_ERROR:
            var detail = "byte offset \(p.problem_offset)"
            if p.problem_value >= 0 { detail += ", value 0x" + String(p.problem_value, radix: 16) }
            return YAMLError.at(position(ofByte: Int(p.problem_offset)), "\(problem) (\(detail))")
        default:
            var message = problem
            if let context = p.context.map({ String(cString: $0) }) {
                message += " (\(context) at \(Self.mark(p.context_mark).description))"
            }
            return YAMLError.at(Self.mark(p.problem_mark), message)
        }
    }

    /// Line and byte column of a byte offset, as a reader error has no mark.
    private func position(ofByte offset: Int) -> Mark {
        let end = min(offset, input.count)
        var line = 1
        var lineStart = 0
        for i in 0..<end where input[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return Mark(line: line, column: end - lineStart + 1)
    }
}
