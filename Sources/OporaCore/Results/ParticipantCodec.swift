/// Participants of one school stored together as text, one line each: a region's 1.2 million
/// participants are a thousand records, written and read in one statement per school, instead
/// of a million rows inserted one by one. The lines keep what drill-down and ИОМ need and
/// nothing else: the code (never a name), class, variant, absence, total, marks and task scores.
///
/// Line: `code ⇥ class ⇥ variant ⇥ absent ⇥ primary ⇥ mark ⇥ journal ⇥ test score ⇥ scores`,
/// scores separated by commas, empty for a task not attempted.
public enum ParticipantCodec {
    public static func append(_ p: ParticipantResult, to out: inout [UInt8]) {
        text(p.code, &out); out.append(9)
        text(p.className ?? "", &out); out.append(9)
        text(p.variant ?? "", &out); out.append(9)
        if p.absent { out.append(49) }
        out.append(9)
        number(p.primary, &out); out.append(9)
        if let m = p.mark { number(Double(m), &out) }
        out.append(9)
        if let j = p.journalMark { number(Double(j), &out) }
        out.append(9)
        number(p.testScore, &out); out.append(9)
        for (i, s) in p.scores.enumerated() {
            if i > 0 { out.append(44) }
            number(s, &out)
        }
        out.append(10)
    }

    /// `tasks` is the test's number of tasks: an empty score field is then «not attempted» for each.
    public static func decode(_ bytes: [UInt8], tasks: Int) -> [ParticipantResult] {
        var out: [ParticipantResult] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            if end > start, let p = line(bytes[start..<end], tasks: tasks) { out.append(p) }
            start = end + 1
        }
        return out
    }

    static func line(_ l: ArraySlice<UInt8>, tasks: Int) -> ParticipantResult? {
        let f = l.split(separator: 9, omittingEmptySubsequences: false)
        guard f.count >= 9 else { return nil }
        func s(_ i: Int) -> String? { f[i].isEmpty ? nil : String(decoding: f[i], as: UTF8.self) }
        func d(_ i: Int) -> Double? { s(i).flatMap(Double.init) }
        var scores: [Double?] = tasks == 0 ? [] : f[8].split(separator: 44, omittingEmptySubsequences: false).map { $0.isEmpty ? nil : Double(String(decoding: $0, as: UTF8.self)) }
        if scores.count < tasks { scores += Array(repeating: nil, count: tasks - scores.count) }
        var p = ParticipantResult(schoolLogin: nil, schoolName: nil, code: s(0) ?? "", className: s(1), variant: s(2), scores: scores,
                                  absent: !f[3].isEmpty, primary: d(4), mark: d(5).map { Int($0) }, journalMark: d(6).map { Int($0) })
        p.testScore = d(7)
        return p
    }

    /// Tabs and line breaks inside a value would break the line; they become spaces.
    static func text(_ s: String, _ out: inout [UInt8]) {
        for b in s.utf8 { out.append(b == 9 || b == 10 || b == 13 ? 32 : b) }
    }

    static func number(_ d: Double?, _ out: inout [UInt8]) {
        guard let d else { return }
        if d == d.rounded(), abs(d) < 1e9 {
            // Digits written straight in: a region's file has eighteen million scores, and a
            // String for each was a fifth of the import.
            var v = Int(d)
            if v < 0 { out.append(45); v = -v }
            if v < 10 { out.append(UInt8(48 + v)); return }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = 0
            withUnsafeMutableBytes(of: &digits) { buf in
                while v > 0 { buf[n] = UInt8(48 + v % 10); v /= 10; n += 1 }
                for k in stride(from: n - 1, through: 0, by: -1) { out.append(buf[k]) }
            }
        } else {
            out.append(contentsOf: "\(d)".utf8)
        }
    }
}
