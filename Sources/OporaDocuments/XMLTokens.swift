import Foundation

/// A small pull tokenizer for the XML of Office files, fed in chunks of any size.
///
/// FoundationXML's parser on Linux refuses a document over libxml2's 10,000,000-byte limit, and
/// a region's ВПР sheet is 10–400 MB of XML. The subset Office writes is small: elements,
/// attributes in double or single quotes, text with the five named entities and numeric
/// references, and declarations, comments and CDATA that can be passed over. The tokenizer keeps
/// only the bytes of an unfinished token between chunks, so memory stays bounded by the longest
/// token, not by the document.
struct XMLTokens {
    enum Event {
        /// Local name (prefix dropped) and the raw bytes of the attributes.
        case start(name: ArraySlice<UInt8>, attributes: ArraySlice<UInt8>, selfClosing: Bool)
        case end(name: ArraySlice<UInt8>)
        /// Text between tags, entities not yet decoded.
        case text(ArraySlice<UInt8>)
    }

    /// A token longer than this is not Office XML (a cell of a million characters is not a result).
    static let maxToken = 16 * 1024 * 1024
    private var pending: [UInt8] = []

    /// Feeds a chunk; `handle` sees every complete token in order.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (Event) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var i = 0
        let n = pending.count
        let bytes = pending
        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                var j = i
                while j < n && bytes[j] != UInt8(ascii: "<") { j += 1 }
                guard j < n else { break } // text may continue in the next chunk
                try handle(.text(bytes[i..<j]))
                i = j
                continue
            }
            // A tag: find its end, minding quotes in attributes and the special forms.
            guard i + 1 < n else { break }
            if bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                guard let end = Self.specialEnd(bytes, from: i, count: n) else { break }
                i = end
                continue
            }
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let b = bytes[j]
                if quote != 0 { if b == quote { quote = 0 } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b } else if b == UInt8(ascii: ">") { break }
                j += 1
            }
            guard j < n else { break }
            try handle(Self.tag(bytes[(i + 1)..<j]))
            i = j + 1
        }
        if i >= n { pending.removeAll(keepingCapacity: true) } else { pending.removeFirst(i) }
        guard pending.count <= Self.maxToken else { throw DocumentError.unreadable("лист книги повреждён: слишком длинный элемент XML") }
    }

    /// At the end of the document nothing may be left but white space.
    func finish() throws {
        if pending.contains(where: { $0 == UInt8(ascii: "<") }) { throw DocumentError.unreadable("лист книги повреждён: XML обрывается") }
    }

    /// The end of «<!-- … -->», «<![CDATA[ … ]]>», «<!DOCTYPE …>» or «<? … ?>», or nil if not in the buffer yet.
    private static func specialEnd(_ b: [UInt8], from i: Int, count n: Int) -> Int? {
        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard pattern.count <= n else { return nil }
            var k = start
            while k + pattern.count <= n {
                if b[k] == pattern[0] && Array(b[k..<(k + pattern.count)]) == pattern { return k + pattern.count }
                k += 1
            }
            return nil
        }
        if n - i >= 4 && b[i + 2] == UInt8(ascii: "-") && b[i + 3] == UInt8(ascii: "-") { return find(Array("-->".utf8), from: i + 4) }
        if n - i >= 9 && Array(b[(i + 2)..<(i + 9)]) == Array("[CDATA[".utf8) { return find(Array("]]>".utf8), from: i + 9) }
        return find([UInt8(ascii: ">")], from: i + 1)
    }

    private static func tag(_ body: ArraySlice<UInt8>) -> Event {
        var s = body.startIndex
        var e = body.endIndex
        if s < e && body[s] == UInt8(ascii: "/") {
            s += 1
            return .end(name: localName(body[s..<nameEnd(body, s, e)]))
        }
        var selfClosing = false
        if e > s && body[e - 1] == UInt8(ascii: "/") { selfClosing = true; e -= 1 }
        let ne = nameEnd(body, s, e)
        return .start(name: localName(body[s..<ne]), attributes: body[ne..<e], selfClosing: selfClosing)
    }

    private static func nameEnd(_ b: ArraySlice<UInt8>, _ s: Int, _ e: Int) -> Int {
        var k = s
        while k < e && b[k] != 32 && b[k] != 9 && b[k] != 10 && b[k] != 13 { k += 1 }
        return k
    }

    private static func localName(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { return name[(colon + 1)...] }
        return name
    }

    /// The value of one attribute, entities decoded.
    static func attribute(_ name: String, in attributes: ArraySlice<UInt8>) -> String? {
        let key = Array(name.utf8)
        var k = attributes.startIndex
        let e = attributes.endIndex
        while k < e {
            while k < e && (attributes[k] == 32 || attributes[k] == 9 || attributes[k] == 10 || attributes[k] == 13) { k += 1 }
            let ns = k
            while k < e && attributes[k] != UInt8(ascii: "=") && attributes[k] != 32 { k += 1 }
            let attrName = attributes[ns..<k]
            while k < e && attributes[k] != UInt8(ascii: "\"") && attributes[k] != UInt8(ascii: "'") { k += 1 }
            guard k < e else { return nil }
            let q = attributes[k]
            k += 1
            let vs = k
            while k < e && attributes[k] != q { k += 1 }
            // «r:id» is asked for by its full name, «r» and «t» by theirs.
            if attrName.elementsEqual(key) { return decode(attributes[vs..<min(k, e)]) }
            k += 1
        }
        return nil
    }

    /// Text with «&amp;», «&lt;», «&gt;», «&quot;», «&apos;» and «&#…;» decoded.
    static func decode(_ text: ArraySlice<UInt8>) -> String {
        guard text.contains(UInt8(ascii: "&")) else { return String(decoding: text, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var k = text.startIndex
        while k < text.endIndex {
            let b = text[k]
            guard b == UInt8(ascii: "&"), let semi = text[k...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { out.append(b); k += 1; continue }
            let entity = String(decoding: text[(k + 1)..<semi], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
            }
            if let scalar { out.append(contentsOf: Array(String(scalar).utf8)); k = semi + 1 } else { out.append(b); k += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
