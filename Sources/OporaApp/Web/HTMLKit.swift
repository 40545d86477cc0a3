import Plot

/// Short names for the Plot nodes our pages use. Text and attribute values are escaped here
/// (`HTMLEscape`), not by Plot: Plot leaves attribute values as they are and its text escaping
/// builds a string per character (a seventh of the start page's time).
typealias BodyNode = Node<HTML.BodyContext>

/// Escaping for HTML text and attribute values, scanning UTF-8 once and copying only when a
/// character needs it.
enum HTMLEscape {
    /// Text content: & < > become entities.
    static func text(_ s: String) -> String { escape(s, quotes: false) }
    /// A quoted attribute value: also " and '.
    static func attribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        let utf8 = s.utf8
        let needs = utf8.withContiguousStorageIfAvailable { bytes in bytes.contains { special($0, quotes) } }
            ?? utf8.contains { special($0, quotes) }
        guard needs else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for b in utf8 {
            switch b {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: out += Array("&quot;".utf8)
            case UInt8(ascii: "'") where quotes: out += Array("&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func special(_ b: UInt8, _ quotes: Bool) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || (quotes && (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")))
    }
}

extension Node where Context == HTML.BodyContext {
    /// Text of a page, escaped by `HTMLEscape` (used instead of Plot's own `.text`).
    static func text(_ text: String) -> Node { .raw(HTMLEscape.text(text)) }
}

/// Any element with attributes and children; used where Plot's typed contexts get in the way
/// (forms, tables and selects nest across contexts).
/// A nil attribute value leaves the attribute out; an empty string is kept (`value=""` matters).
func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode] = []) -> BodyNode {
    .element(named: name, nodes: attributes.compactMap { a in a.1.map { BodyNode.attribute(named: a.0, value: HTMLEscape.attribute($0), ignoreIfValueIsEmpty: false) } } + children)
}

func el(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> BodyNode {
    el(name, attributes, [.text(text)])
}

func voidEl(_ name: String, _ attributes: [(String, String?)]) -> BodyNode {
    .selfClosedElement(named: name, attributes: attributes.compactMap { a in a.1.map { Attribute<HTML.BodyContext>(name: a.0, value: HTMLEscape.attribute($0), ignoreIfValueIsEmpty: false) } })
}

func link(_ text: String, _ url: String, cls: String? = nil) -> BodyNode {
    el("a", [("href", url), ("class", cls)], text: text)
}

func heading(_ text: String) -> BodyNode { el("h1", text: text) }
func subheading(_ text: String) -> BodyNode { el("h2", text: text) }
func para(_ text: String, cls: String? = nil) -> BodyNode { el("p", [("class", cls)], text: text) }

/// A table: header cells and rows of nodes.
func table(_ headers: [String], _ rows: [[BodyNode]], cls: String = "data") -> BodyNode {
    el("table", [("class", cls)], [
        el("thead", [], [el("tr", [], headers.map { el("th", [("scope", "col")], text: $0) })]),
        el("tbody", [], rows.map { row in el("tr", [], row.map { el("td", [], [$0]) }) }),
    ])
}

func textCell(_ s: String) -> BodyNode { .text(s) }

/// A POST form carrying the CSRF token.
func postForm(_ action: String, csrf: String, cls: String? = nil, multipart: Bool = false, _ children: [BodyNode]) -> BodyNode {
    el("form", [("method", "post"), ("action", action), ("class", cls), ("enctype", multipart ? "multipart/form-data" : nil)],
       [voidEl("input", [("type", "hidden"), ("name", "_csrf"), ("value", csrf)])] + children)
}

func field(_ label: String, name: String, value: String? = nil, type: String = "text", required: Bool = false, placeholder: String? = nil, id: String? = nil) -> BodyNode {
    let fieldID = id ?? "f-\(name)"
    return el("div", [("class", "field")], [
        el("label", [("for", fieldID)], text: label),
        voidEl("input", [("type", type), ("name", name), ("id", fieldID), ("value", value), ("placeholder", placeholder), ("required", required ? "required" : nil)]),
    ])
}

func selectField(_ label: String, name: String, options: [(value: String, title: String)], selected: String?, id: String? = nil) -> BodyNode {
    let fieldID = id ?? "f-\(name)"
    return el("div", [("class", "field")], [
        el("label", [("for", fieldID)], text: label),
        el("select", [("name", name), ("id", fieldID)], options.map { o in
            el("option", [("value", o.value), ("selected", o.value == selected ? "selected" : nil)], text: o.title)
        }),
    ])
}

func button(_ title: String, cls: String = "button") -> BodyNode {
    el("button", [("type", "submit"), ("class", cls)], text: title)
}

func notice(_ text: String, kind: String = "info") -> BodyNode {
    el("div", [("class", "notice \(kind)"), ("role", kind == "error" ? "alert" : "status")], text: text)
}

func textArea(_ label: String, name: String, value: String? = nil, rows: Int = 3, required: Bool = false) -> BodyNode {
    el("div", [("class", "field")], [
        el("label", [("for", "f-\(name)")], text: label),
        el("textarea", [("name", name), ("id", "f-\(name)"), ("rows", "\(rows)"), ("required", required ? "required" : nil)], text: value ?? ""),
    ])
}

/// A group of checkboxes named `<prefix>-<id>`, so plain forms (and tests) post one field per choice.
func checkboxes(_ legend: String, prefix: String, options: [(id: Int, title: String)], checked: Set<Int> = []) -> BodyNode {
    el("fieldset", [("class", "checks")], [el("legend", text: legend)] + options.map { o in
        el("label", [("class", "check")], [
            voidEl("input", [("type", "checkbox"), ("name", "\(prefix)-\(o.id)"), ("value", "on"), ("checked", checked.contains(o.id) ? "checked" : nil)]),
            .text(" " + o.title),
        ])
    })
}
