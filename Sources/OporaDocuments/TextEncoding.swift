import Foundation

/// The two encodings Russian spreadsheets are saved in: UTF-8 (with or without BOM) and
/// Windows-1251, which Excel still writes for «CSV (разделители — запятые)».
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8, windows1251

    /// UTF-8 if the bytes are valid UTF-8, otherwise Windows-1251 (every byte is valid there).
    public static func decode(_ data: Data) -> (text: String, encoding: TextEncoding) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        return (decodeWindows1251(bytes), .windows1251)
    }

    /// Whether bytes are well-formed UTF-8, without building a string (a region's file is 140 MB).
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            guard i + length <= n else { return false }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    public static func decodeWindows1251(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let code = b < 0x80 ? UInt32(b) : UInt32(cp1251High[Int(b) - 0x80])
            scalars.append(Unicode.Scalar(code) ?? "?")
        }
        return String(scalars)
    }

    /// Characters with no Windows-1251 code become «?», as Excel does.
    public static func encodeWindows1251(_ text: String) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 { out.append(UInt8(scalar.value)); continue }
            out.append(reverse[UInt16(truncatingIfNeeded: scalar.value)] ?? UInt8(ascii: "?"))
        }
        return Data(out)
    }

    private static let reverse: [UInt16: UInt8] = {
        var map: [UInt16: UInt8] = [:]
        for (i, code) in cp1251High.enumerated() where code != 0xFFFD { map[code] = UInt8(0x80 + i) }
        return map
    }()

    /// Windows-1251 bytes 0x80…0xFF as Unicode code points.
    static let cp1251High: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ] + (0x0410...0x044F).map { UInt16($0) }
}
