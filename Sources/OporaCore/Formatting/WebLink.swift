/// A link a user types (a practice's sources, evidence, a school's page with its roadmap):
/// an absolute http(s) address with a host, and nothing that could end the attribute or the
/// element it is shown in. «https://x/"><meta …» is refused, not escaped into a broken link.
public enum WebLink {
    public static let maxLength = 2_000

    public static func accepts(_ text: String) -> Bool {
        guard text.count <= maxLength, text.hasPrefix("http://") || text.hasPrefix("https://") else { return false }
        let rest = text.drop { $0 != ":" }.dropFirst(3)
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty else { return false }
        return !text.unicodeScalars.contains { s in
            s.properties.generalCategory == .control || s == " " || "\"'<>`\\\\{}|^".unicodeScalars.contains(s)
        }
    }
}
