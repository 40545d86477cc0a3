import Vapor

extension Request {
    func layout(_ title: String, crumbs: [(String, String)] = []) -> Layout {
        Layout(title: title, user: auth.get(User.self), csrf: CSRF.token(for: self), breadcrumbs: crumbs, current: url.path)
    }
    var csrf: String { CSRF.token(for: self) }
}

extension Response {
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let r = Response(status: status, body: .init(string: body))
        r.headers.contentType = .html
        r.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return r
    }

    static func file(_ data: Data, name: String, contentType: String) -> Response {
        let r = Response(status: .ok, body: .init(data: data))
        r.headers.replaceOrAdd(name: .contentType, value: contentType)
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII } ? name : "opora-export" + (name.split(separator: ".").last.map { ".\($0)" } ?? "")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        r.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        return r
    }
}

/// Form fields arrive as strings; empty means "not given".
extension String {
    var nilIfBlank: String? {
        let t = trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
