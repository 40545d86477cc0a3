import Foundation
import OporaCore

struct DiagnosticCardPage {
    let schoolName: String
    /// Every test the school took, by subject, grade and year (`ResultsService.diagnosticCard`).
    let lines: [ResultsService.CardLine]
}

struct DiagnosticCardView {
    let model: DiagnosticCardPage
    let layout: Layout

    func render() -> String {
        let lines = model.lines
        func pct(_ d: Double?) -> String { d.map(Formatting.percent) ?? "—" }
        func num(_ d: Double?) -> String { d.map { String(format: "%.2f", $0).replacingOccurrences(of: ".", with: ",") } ?? "—" }
        var body: [BodyNode] = [heading("Диагностическая карта: \(model.schoolName)")]
        if lines.isEmpty {
            body.append(para("Результатов оценочных процедур по школе пока нет.", cls: "muted"))
        } else {
            // Without regional figures (fewer than three municipalities' results) the region's
            // columns would be dashes only, or worse the municipality again: they are left out.
            let withRegion = lines.contains { $0.regionTwos != nil }
            body.append(table(["Процедура", "Год", "Предмет", "Класс", "Участников", "Доля «2»", "Доля «2» по муниципалитету"]
                               + (withRegion ? ["Доля «2» по региону"] : []) + ["Средняя отметка", "По муниципалитету"] + (withRegion ? ["По региону"] : []), lines.map { l in
                [.text(l.kind.title), .text("\(l.year)"), .text(l.subject), .text("\(l.grade)"), .text("\(l.participants)"),
                 .text(pct(l.twos)), .text(pct(l.municipalityTwos))] + (withRegion ? [.text(pct(l.regionTwos))] : [])
                    + [.text(num(l.meanMark)), .text(num(l.municipalityMeanMark))] + (withRegion ? [.text(num(l.regionMeanMark))] : [])
            }))
            if !withRegion {
                body.append(para("Сравнения с регионом нет: результаты загружены менее чем по трём муниципалитетам региона.", cls: "muted"))
            }
            let series = Dictionary(grouping: lines, by: { "\($0.subject), \($0.grade) класс" })
            for (title, list) in series.sorted(by: { $0.key < $1.key }) where list.count > 1 {
                body.append(el("h3", text: "Доля «2»: \(title)"))
                body.append(el("div", [("class", "timeline")], [.raw(Self.chart(list))]))
            }
        }
        return layout.render(body)
    }

    /// Two lines, school and municipality, over the years.
    static func chart(_ lines: [ResultsService.CardLine]) -> String {
        let width = 440.0, height = 190.0, left = 44.0, bottom = 30.0
        let top = max(0.1, (lines.map { max($0.twos, $0.municipalityTwos, $0.regionTwos ?? 0) }.max() ?? 0.1) * 1.2)
        let region = lines.compactMap(\.regionTwos)
        func x(_ i: Int) -> Double { left + (width - left - 20) * (lines.count == 1 ? 0.5 : Double(i) / Double(lines.count - 1)) }
        func y(_ v: Double) -> Double { 22 + (height - bottom - 22) * (1 - v / top) }
        func path(_ values: [Double]) -> String { values.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(x($0.offset)),\(y($0.element))" }.joined(separator: " ") }
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" aria-label="Доля отметок «2» по годам" font-family="Arial, sans-serif" font-size="11">"##
        svg += ##"<line x1="\##(left)" y1="\##(height - bottom)" x2="\##(width - 10)" y2="\##(height - bottom)" stroke="#9aa5b1"/>"##
        // The scale: the share of «2» in per cent at 0, the middle and the top, with grid lines.
        svg += ##"<line x1="\##(left)" y1="22" x2="\##(left)" y2="\##(height - bottom)" stroke="#9aa5b1"/>"##
        for v in [0, top / 2, top] {
            svg += ##"<line x1="\##(left)" y1="\##(y(v))" x2="\##(width - 10)" y2="\##(y(v))" stroke="#e3e8ee" stroke-width="0.6"/>"##
            svg += ##"<text x="\##(left - 4)" y="\##(y(v) + 4)" text-anchor="end" fill="#1b1f24">\##(Int((v * 100).rounded())) %</text>"##
        }
        if region.count == lines.count {
            svg += ##"<path d="\##(path(region))" fill="none" stroke="#0b4f8a" stroke-width="1.5" stroke-dasharray="2 3"/>"##
        }
        svg += ##"<path d="\##(path(lines.map(\.municipalityTwos)))" fill="none" stroke="#9aa5b1" stroke-width="2" stroke-dasharray="5 3"/>"##
        svg += ##"<path d="\##(path(lines.map(\.twos)))" fill="none" stroke="#a31a1a" stroke-width="2.5"/>"##
        for (i, l) in lines.enumerated() {
            svg += ##"<circle cx="\##(x(i))" cy="\##(y(l.twos))" r="4" fill="#a31a1a"><title>\##(l.year): \##(Int((l.twos * 100).rounded())) %</title></circle>"##
            // Each school point carries its value, readable without hovering and in print.
            svg += ##"<text x="\##(x(i) + 6)" y="\##(y(l.twos) - 6)" font-size="10" fill="#a31a1a">\##(Int((l.twos * 100).rounded())) %</text>"##
            svg += ##"<text x="\##(x(i) - 12)" y="\##(height - 10)" fill="#1b1f24">\##(l.year)</text>"##
        }
        // The legend names each line by its dash as well as its colour.
        svg += ##"<line x1="\##(left + 8)" y1="8" x2="\##(left + 28)" y2="8" stroke="#a31a1a" stroke-width="2.5"/><text x="\##(left + 32)" y="12" fill="#1b1f24">школа</text>"##
        svg += ##"<line x1="\##(left + 86)" y1="8" x2="\##(left + 106)" y2="8" stroke="#9aa5b1" stroke-width="2" stroke-dasharray="5 3"/><text x="\##(left + 110)" y="12" fill="#1b1f24">муниципалитет</text>"##
        if region.count == lines.count {
            svg += ##"<line x1="\##(left + 210)" y1="8" x2="\##(left + 230)" y2="8" stroke="#0b4f8a" stroke-width="1.5" stroke-dasharray="2 3"/><text x="\##(left + 234)" y="12" fill="#1b1f24">регион</text>"##
        }
        return svg + "</svg>"
    }
}
