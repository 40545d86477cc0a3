import OporaDocuments

/// The generator of the benchmark's results files, so a run is reproduced by its seed.
public typealias FuzzRandom = ResultsGenerator.Random

/// Mutations of real-looking inputs: bytes flipped, inserted, deleted, repeated; pieces of other
/// seeds spliced in; and tokens that parsers of these formats trip on (separators, quotes, line
/// breaks, huge and negative numbers, ZIP and XML markers, Russian deadline words).
public struct Mutator: Sendable {
    public static let tokens: [[UInt8]] = [
        ";", ",", "\t", "\"", "\"\"", "\r\n", "\n", "\r", "\0", "'", "<", ">", "&", "&amp;", "]]>", "<![CDATA[", "<row r=\"", "<c r=\"XFD1048577\"",
        "t=\"s\"", "<v>", "</v>", "<si><t>", "PK\u{3}\u{4}", "PK\u{1}\u{2}", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
        "-1", "0", "1e308", "NaN", "1,5", "0,", "X", "-", "+", "N", "(", ")", "2(3)", "не пройд.", "нет отметки", "вариант", "№", "«", "»",
        "ежемесячно", "ежеквартально", "до 25 числа", "в течение года", "январь", "декабрь 2025 г.", "II квартал", "I полугодие", "31.02.2025",
        "01.01.9999", "2024-2025", "2100-2101", "с 1 по 15", "по мере необходимости", "\u{FEFF}", "\u{200B}", "ё", "Ё", "\u{D7FF}",
    ].map { Array($0.utf8) }

    public init() {}

    public func mutate(_ input: [UInt8], seeds: [[UInt8]], using rng: inout FuzzRandom, maxLength: Int = 64 * 1024) -> [UInt8] {
        var out = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            switch Int.random(in: 0..<9, using: &rng) {
            case 0 where !out.isEmpty:   // flip a byte
                let i = Int.random(in: 0..<out.count, using: &rng)
                out[i] ^= UInt8.random(in: 1...255, using: &rng)
            case 1:   // insert a random byte
                out.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...out.count, using: &rng))
            case 2 where !out.isEmpty:   // delete a run
                let i = Int.random(in: 0..<out.count, using: &rng)
                out.removeSubrange(i..<min(out.count, i + Int.random(in: 1...64, using: &rng)))
            case 3, 4:   // insert a token
                let t = Self.tokens.randomElement(using: &rng) ?? []
                out.insert(contentsOf: t, at: Int.random(in: 0...out.count, using: &rng))
            case 5 where !out.isEmpty:   // repeat a run
                let i = Int.random(in: 0..<out.count, using: &rng)
                let run = Array(out[i..<min(out.count, i + Int.random(in: 1...32, using: &rng))])
                for _ in 0..<Int.random(in: 1...64, using: &rng) { out.insert(contentsOf: run, at: i) }
            case 6:   // splice another seed
                if let other = seeds.randomElement(using: &rng), !other.isEmpty {
                    let a = Int.random(in: 0..<other.count, using: &rng)
                    let piece = other[a..<min(other.count, a + Int.random(in: 1...256, using: &rng))]
                    out.insert(contentsOf: piece, at: Int.random(in: 0...out.count, using: &rng))
                }
            case 7 where !out.isEmpty:   // truncate
                out.removeSubrange(Int.random(in: 0..<out.count, using: &rng)...)
            default:   // overwrite with a boundary byte
                if !out.isEmpty { out[Int.random(in: 0..<out.count, using: &rng)] = [0, 0x7F, 0x80, 0xFF, 0xC0, 0xE2, 0xF0].randomElement(using: &rng) ?? 0 }
            }
        }
        return out.count > maxLength ? Array(out.prefix(maxLength)) : out
    }
}
