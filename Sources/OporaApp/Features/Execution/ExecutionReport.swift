import Foundation
import OporaCore
import OporaDocuments

/// The execution report in the layout of the 004 report: показатели · методы сбора информации ·
/// сроки и периодичность · ответственные за сбор и обработку · отчёт о проведённых мероприятиях.
enum ExecutionReport {
    static let columns = ["Показатели", "Методы сбора информации", "Сроки и периодичность", "Ответственные за сбор и обработку", "Отчёт о проведённых мероприятиях"]

    static func cells(_ m: ExecutionService.Snapshot.MeasureLine) -> [String] {
        var report = m.statuses
        report += m.reports
        if !m.evidence.isEmpty { report.append("Подтверждения: " + m.evidence.joined(separator: "; ")) }
        return ["\(m.number) \(m.name)", m.result ?? m.form ?? "", m.deadline, m.responsible, report.joined(separator: "\n")]
    }

    static func xlsx(title: String, snapshot: ExecutionService.Snapshot, indicators: [(id: Int, name: String, target: String, fact: String?)]) throws -> Data {
        var rows: [[Workbook.Cell]] = [[.text(title)], columns.map { .text($0) }]
        rows += snapshot.measures.map { cells($0).map { .text($0) } }
        var sheets = [Workbook.Sheet(name: "Отчёт", rows: rows, headerRows: 2, columnWidths: [50, 25, 20, 30, 60])]
        var summary: [[Workbook.Cell]] = [["Раздел / ответственный", "Сроков", "Выполнено", "Частично", "Просрочено", "Выполнение, %"]]
        for line in snapshot.sections + snapshot.responsible {
            let c = line.completion
            summary.append([.text(line.title), .number(Double(c.total)), .number(Double(c.done)), .number(Double(c.partlyDone)), .number(Double(c.overdue)), .number(Double(c.percent))])
        }
        sheets.append(.init(name: "Выполнение", rows: summary, headerRows: 1, columnWidths: [60, 10, 12, 12, 12, 14]))
        if !indicators.isEmpty {
            sheets.append(.init(name: "Индикаторы", rows: [["Индикатор", "План", "Факт"]] + indicators.map { [.text($0.name), .text($0.target), .text($0.fact ?? "")] },
                                headerRows: 1, columnWidths: [70, 14, 14]))
        }
        return try Workbook(sheets: sheets).xlsx()
    }

    static func docx(authority: String, title: String, roadmapTitle: String, snapshot: ExecutionService.Snapshot,
                     indicators: [(id: Int, name: String, target: String, fact: String?)]) throws -> Data {
        typealias P = WordDocument.Paragraph
        typealias C = WordDocument.Cell
        let asOf = LocalDate(parsing: snapshot.asOf)?.russian ?? snapshot.asOf
        var blocks: [WordDocument.Block] = [
            .paragraph(P(authority.uppercased(), bold: true, alignment: .center, spacingAfter: 12)),
            .paragraph(P("ОТЧЁТ", bold: true, alignment: .center)),
            .paragraph(P("о реализации: \(roadmapTitle)", bold: true, alignment: .center)),
            .paragraph(P("\(title), по состоянию на \(asOf)", alignment: .center, spacingAfter: 12)),
            .paragraph(P("Выполнено мероприятий со сроком до \(asOf): \(snapshot.overall.percent) % (сроков — \(snapshot.overall.total), выполнено — \(snapshot.overall.done), частично — \(snapshot.overall.partlyDone), просрочено — \(snapshot.overall.overdue)).", alignment: .both, firstLineIndent: 1.25, spacingAfter: 6)),
        ]
        if !indicators.isEmpty {
            blocks.append(.paragraph(P("Индикаторы", bold: true, alignment: .left)))
            blocks.append(.table(.init(widths: [17.2, 4, 4], rows: [[C("Индикатор", bold: true, shaded: true), C("План", bold: true, shaded: true), C("Факт", bold: true, shaded: true)]]
                                      + indicators.map { [C($0.name), C($0.target), C($0.fact ?? "—")] })))
            blocks.append(.paragraph(P("", alignment: .left)))
        }
        let widths = [6.5, 4.0, 3.5, 4.5, 6.7]
        blocks.append(.table(.init(widths: widths, rows: [columns.map { C($0, bold: true, alignment: .center, shaded: true) }]
                                   + snapshot.measures.map { cells($0).map { C($0, size: 11) } })))
        return try WordDocument(blocks: blocks, landscape: true).docx()
    }
}
