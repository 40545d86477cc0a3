import Foundation
import OporaCore
import OporaDocuments

/// The approval order with the roadmap as its annex (DOCX), laid out like the seed orders, and
/// the roadmap as a spreadsheet (XLSX).
enum RoadmapExport {
    typealias P = WordDocument.Paragraph
    typealias Cell = WordDocument.Cell

    static func orderDOCX(_ tree: RoadmapTree) throws -> Data {
        let r = tree.roadmap
        let date = r.orderDate.flatMap(LocalDate.init(parsing:))?.russian ?? "«___» __________ 20__ г."
        let number = r.orderNumber ?? "______"
        // «Об утверждении дорожной карты …»: a title that is not «Дорожная карта …» goes in quotes
        // after the declined «дорожной карты», so no title needs declining (issue 14).
        let subject = r.title.hasPrefix("Дорожная карта") ? "дорожной карты" + r.title.dropFirst("Дорожная карта".count) : "дорожной карты «\(r.title)»"
        let signer = r.orderSignatory ?? tree.authority.headName ?? ""
        // The position in full («Начальник управления образования …»), never cut to its first words.
        let signerPosition = tree.school == nil ? (tree.authority.headPosition?.nilIfBlank ?? "Начальник") : "Директор"
        var blocks: [WordDocument.Block] = [
            .paragraph(P((tree.school?.fullName ?? tree.authority.name).uppercased(), bold: true, alignment: .center, spacingAfter: 12)),
            .paragraph(P("ПРИКАЗ", bold: true, alignment: .center, spacingAfter: 12, size: 16)),
            .paragraph(P([.init("от \(date)\t№ \(number)")], alignment: .left, spacingAfter: 12, rightTab: true)),
            .paragraph(P("Об утверждении \(subject)", bold: true, alignment: .center, spacingAfter: 12)),
            .paragraph(P("В целях адресной поддержки школ с низкими образовательными результатами, профилактики низких образовательных результатов и учебной неуспешности в общеобразовательных организациях (\(tree.authority.municipality)) на \(r.period?.description ?? "период реализации") приказываю:", alignment: .both, firstLineIndent: 1.25)),
            .paragraph(P("1. Утвердить \(subject.hasPrefix("«") ? "дорожную карту \(subject)" : "дорожную карту" + subject.dropFirst("дорожной карты".count)) (приложение).", alignment: .both, firstLineIndent: 1.25)),
            .paragraph(P("2. Ответственным исполнителям обеспечить выполнение мероприятий дорожной карты в установленные сроки.", alignment: .both, firstLineIndent: 1.25)),
            .paragraph(P("3. Разместить дорожную карту на официальном сайте в течение трёх рабочих дней со дня подписания настоящего приказа.", alignment: .both, firstLineIndent: 1.25)),
            .paragraph(P("4. Контроль за исполнением настоящего приказа оставляю за собой.", alignment: .both, firstLineIndent: 1.25, spacingAfter: 36)),
            .paragraph(P([.init("\(signerPosition)\t\(signer)")], alignment: .left, rightTab: true)),
            .sectionBreak(landscape: false),
            .paragraph(P("Приложение\nк приказу \(tree.school?.shortName ?? tree.authority.shortName)\nот \(date) № \(number)", alignment: .right, spacingAfter: 12)),
            .paragraph(P(r.title.uppercased(), bold: true, alignment: .center, spacingAfter: 12)),
        ]
        if let goal = r.goal { blocks.append(.paragraph(P([.init("Цель: ", bold: true), .init(goal)], alignment: .both, firstLineIndent: 1.25))) }
        if !r.tasks.isEmpty {
            blocks.append(.paragraph(P("Задачи:", bold: true, alignment: .left)))
            for (i, t) in r.tasks.enumerated() { blocks.append(.paragraph(P("\(i + 1). \(t)", alignment: .both, firstLineIndent: 1.25))) }
        }
        if !tree.indicators.isEmpty {
            blocks.append(.paragraph(P("Индикаторы:", bold: true, alignment: .left)))
            for (i, ind) in tree.indicators.enumerated() {
                blocks.append(.paragraph(P("\(i + 1). \(ind.name) — \(ind.target) \(ind.unit).", alignment: .both, firstLineIndent: 1.25)))
            }
        }
        blocks.append(.paragraph(P("", alignment: .left)))
        blocks.append(.table(annexTable(tree)))
        return try WordDocument(blocks: blocks, landscape: true).docx()
    }

    /// The roadmap's own columns: those its measures use.
    static func columns(_ tree: RoadmapTree) -> [(title: String, width: Double, value: (Measure) -> String)] {
        var cols: [(String, Double, (Measure) -> String)] = [("№ п/п", 1.3, { $0.number }), ("Наименование мероприятия", 0, { $0.name })]
        if tree.measures.contains(where: { $0.form != nil }) { cols.append(("Форма реализации", 3.6, { $0.form ?? "" })) }
        cols.append(("Сроки выполнения", 3.8, { $0.deadlineText }))
        cols.append(("Ответственные", 4.2, { $0.responsible }))
        if tree.measures.contains(where: { $0.expectedResult != nil }) { cols.append(("Результат", 4.0, { $0.expectedResult ?? "" })) }
        if tree.measures.contains(where: { !$0.links.isEmpty }) { cols.append(("Информационное сопровождение", 4.0, { $0.links.joined(separator: "\n") })) }
        let fixed = cols.reduce(0) { $0 + $1.1 }
        return cols.map { c in (c.0, c.1 == 0 ? max(6, WordDocument.textWidth(landscape: true) - fixed) : c.1, c.2) }
    }

    static func annexTable(_ tree: RoadmapTree) -> WordDocument.Table {
        let cols = columns(tree)
        var rows: [[Cell]] = [cols.map { Cell($0.title, bold: true, alignment: .center, shaded: true) }]
        for level in tree.levels {
            if let t = level.model.title { rows.append([Cell(t, bold: true, span: cols.count, alignment: .center)]) }
            for section in level.sections {
                if let t = section.model.title { rows.append([Cell(t, bold: true, span: cols.count, alignment: .center, shaded: true)]) }
                for m in section.measures { rows.append(cols.map { Cell($0.value(m)) }) }
            }
        }
        return WordDocument.Table(widths: cols.map(\.width), rows: rows, headerRows: 1)
    }

    static func xlsx(_ tree: RoadmapTree) throws -> Data {
        let cols = columns(tree)
        let period = tree.roadmap.period
        var rows: [[Workbook.Cell]] = [[.text(tree.roadmap.title)], cols.map { .text($0.title) } + [.text("Срок (как понят)"), .text("Даты исполнения")]]
        for level in tree.levels {
            if let t = level.model.title { rows.append([.empty, .text(t)]) }
            for section in level.sections {
                if let t = section.model.title { rows.append([.empty, .text(t)]) }
                for m in section.measures {
                    let d = m.deadline
                    rows.append(cols.map { .text($0.value(m)) } + [.text(d.reading), .text(period.map { d.occurrences(in: $0).map(\.russian).joined(separator: ", ") } ?? "")])
                }
            }
        }
        let widths = cols.map { $0.width * 4 } + [30, 30]
        return try Workbook(sheets: [.init(name: "Дорожная карта", rows: rows, headerRows: 2, columnWidths: widths)]).xlsx()
    }
}
