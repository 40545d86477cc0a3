/// The password rule every account follows: long enough to resist guessing, and none of the
/// passwords people reach for first (one key held down, a row of the keyboard, the login).
public enum PasswordPolicy {
    public static let minLength = 10
    /// Bcrypt reads at most 72 bytes; a longer password would be silently cut.
    public static let maxBytes = 72

    /// Sequences a password must not be a piece of (either direction).
    static let sequences = [
        "01234567890", "abcdefghijklmnopqrstuvwxyz", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb", "qazwsxedcrfvtgbyhnujm",
        "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю",
    ]

    /// What is wrong with the password, in Russian; empty when it may be used.
    public static func problems(_ password: String, login: String) -> [String] {
        var out: [String] = []
        if password.count < minLength { out.append("пароль должен быть не короче \(minLength) символов") }
        if password.utf8.count > maxBytes { out.append("пароль слишком длинный (не более \(maxBytes) байт: около 36 русских или 72 латинских букв)") }
        let lower = password.lowercased()
        if let first = lower.first, lower.allSatisfy({ $0 == first }) {
            out.append("пароль не может состоять из одного повторённого символа")
        } else if lower.count >= 3 && isSequence(lower) {
            out.append("пароль не может быть последовательностью символов (12345…, abcd…, qwerty…)")
        }
        let l = login.lowercased()
        if !l.isEmpty {
            let stripped = String(lower.reversed().drop(while: { $0.isNumber || $0.isPunctuation || $0.isSymbol }).reversed())
            if lower == l || stripped == l || String(lower.reversed()) == l {
                out.append("пароль не может совпадать с логином")
            }
        }
        return out
    }

    /// A contiguous piece of a known sequence, forwards or backwards, or a run in steps of one.
    static func isSequence(_ s: String) -> Bool {
        for seq in sequences where seq.contains(s) || String(seq.reversed()).contains(s) { return true }
        let scalars = s.unicodeScalars.map(\.value)
        guard scalars.count >= 3 else { return false }
        let step = Int(scalars[1]) - Int(scalars[0])
        guard step == 1 || step == -1 else { return false }
        return zip(scalars, scalars.dropFirst()).allSatisfy { Int($1) - Int($0) == step }
    }
}

/// One-time passwords handed to a new user (on paper or in the accounts XLSX): letters and
/// digits that cannot be misread (no 0/o, 1/l/i), in groups of four for dictation.
public enum OneTimePassword {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        while true {
            let chars = (0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
            let text = stride(from: 0, to: 12, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
            if PasswordPolicy.problems(text, login: "").isEmpty { return text }
        }
    }

    public static func generate() -> String {
        var g = SystemRandomNumberGenerator()
        return generate(using: &g)
    }
}
