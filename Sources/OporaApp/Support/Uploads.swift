import Vapor

/// Routes that take a file declare their size limit once: the route collects the body up to it,
/// and the CSRF check — which must read the form's token from the body before the route runs —
/// collects up to the same limit instead of a fixed one (a 10 MB cap there used to cut every
/// larger upload, whatever the route allowed).
enum UploadLimit {
    static let key = "opora.uploadLimit"
    /// Forms without a file.
    static let forms = 1024 * 1024

    static func of(_ request: Request) -> Int {
        (request.route?.userInfo[AnySendableHashable(key)] as? Int) ?? forms
    }

    /// «200 МБ», for the message when a file is larger.
    static func text(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / 1024 / 1024) МБ" : "\(bytes / 1024) КБ"
    }
}
