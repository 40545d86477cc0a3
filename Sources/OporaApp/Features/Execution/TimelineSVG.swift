import Foundation
import OporaCore

/// The roadmap's timeline as SVG, drawn on the server: months across, measures down; a bar for
/// the months a measure spans, a mark on each due date coloured by status. Printable, no script.
enum TimelineSVG {
    static let labelWidth = 360.0
    static let monthWidth = 56.0
    static let rowHeight = 22.0
    static let top = 40.0

    static func render(_ tree: RoadmapTree, rows: [OccurrenceRow], today: LocalDate) -> String {
        guard let period = tree.roadmap.period else { return "" }
        var months: [(year: Int, month: Int)] = []
        var y = period.start.year, m = period.start.month
        while (y, m) <= (period.end.year, period.end.month) {
            months.append((y, m))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        let width = labelWidth + monthWidth * Double(months.count) + 20
        let measures = tree.measures
        // Grouped once: Fluent property access is not free, and 200 measures × 600 rows adds up.
        let byMeasure = Dictionary(grouping: rows, by: { $0.measure.id ?? -1 })
        let height = top + rowHeight * Double(measures.count) + 40
        func x(_ d: LocalDate) -> Double {
            guard let i = months.firstIndex(where: { $0.year == d.year && $0.month == d.month }) else { return d < period.start ? labelWidth : width - 20 }
            return labelWidth + monthWidth * (Double(i) + Double(d.day - 1) / Double(LocalDate.daysIn(month: d.month, year: d.year)))
        }
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" aria-label="Временная шкала дорожной карты" font-family="Arial, sans-serif" font-size="11">"##
        svg += ##"<rect x="0" y="0" width="\##(Int(width))" height="\##(Int(height))" fill="#ffffff"/>"##
        let names = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
        for (i, month) in months.enumerated() {
            let mx = labelWidth + monthWidth * Double(i)
            svg += ##"<rect x="\##(mx)" y="\##(top - 4)" width="\##(monthWidth)" height="\##(rowHeight * Double(measures.count) + 4)" fill="\##(i % 2 == 0 ? "#f5f7fa" : "#ffffff")"/>"##
            svg += ##"<text x="\##(mx + 4)" y="\##(top - 22)" fill="#1b1f24">\##(names[month.month - 1])</text>"##
            if i == 0 || month.month == 1 { svg += ##"<text x="\##(mx + 4)" y="\##(top - 9)" fill="#4a5563">\##(month.year)</text>"## }
        }
        if period.contains(today) {
            let tx = x(today)
            svg += ##"<line x1="\##(tx)" y1="\##(top - 4)" x2="\##(tx)" y2="\##(height - 36)" stroke="#a31a1a" stroke-dasharray="4 3"/>"##
            svg += ##"<text x="\##(tx + 3)" y="\##(height - 24)" fill="#a31a1a">сегодня \##(today.russian)</text>"##
        }
        for (i, measure) in measures.enumerated() {
            let ry = top + rowHeight * Double(i)
            let label = "\(measure.number) \(measure.name)"
            let short = label.count > 58 ? String(label.prefix(57)) + "…" : label
            svg += ##"<text x="4" y="\##(ry + 15)" fill="#1b1f24"><title>\##(XMLText.escape(label))</title>\##(XMLText.escape(short))</text>"##
            if case .monthRange(let from, let to) = measure.deadline.schedule,
               let fy = from.year ?? period.year(of: from.month), let ty = to.year ?? period.year(of: to.month),
               let start = LocalDate(year: fy, month: from.month, day: 1) {
                let end = LocalDate.endOfMonth(year: ty, month: to.month)
                svg += ##"<rect x="\##(x(start))" y="\##(ry + 6)" width="\##(max(4, x(end) - x(start)))" height="10" rx="3" fill="#c9d7e8"/>"##
            }
            for occurrence in byMeasure[measure.id ?? -1] ?? [] {
                guard let due = occurrence.due else {
                    svg += ##"<text x="\##(labelWidth + 4)" y="\##(ry + 15)" fill="#4a5563">без фиксированной даты</text>"##
                    continue
                }
                let urgency = occurrence.urgency(today: today)
                let colour = colourFor(status: occurrence.status, urgency: urgency)
                svg += ##"<circle cx="\##(x(due))" cy="\##(ry + 11)" r="6" fill="\##(colour)" stroke="#1b1f24" stroke-width="0.6"><title>\##(due.russian): \##(occurrence.status.title)\##(urgency == .overdue ? ", просрочено" : "")</title></circle>"##
            }
        }
        let legend: [(String, String)] = [("#1e6b2f", "выполнено"), ("#e0a100", "частично / в работе"), ("#a31a1a", "просрочено или не выполнено"), ("#9aa5b1", "в плане")]
        for (i, item) in legend.enumerated() {
            let lx = 4 + Double(i) * 190
            svg += ##"<circle cx="\##(lx + 6)" cy="\##(height - 10)" r="5" fill="\##(item.0)"/><text x="\##(lx + 16)" y="\##(height - 6)" fill="#1b1f24">\##(item.1)</text>"##
        }
        return svg + "</svg>"
    }

    static func colourFor(status: ProgressStatus, urgency: Urgency) -> String {
        switch status {
        case .done: "#1e6b2f"
        case .partlyDone, .inProgress: urgency == .overdue ? "#a31a1a" : "#e0a100"
        case .notDone: "#a31a1a"
        case .notStarted: urgency == .overdue ? "#a31a1a" : "#9aa5b1"
        }
    }
}

enum XMLText {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
