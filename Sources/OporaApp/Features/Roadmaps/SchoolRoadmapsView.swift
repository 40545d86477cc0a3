import OporaCore

struct SchoolRoadmapsPage {
    struct Row {
        /// The school's roadmap for the year and how far it got.
        struct Progress {
            let roadmapID: Int
            /// The day the first version was submitted for review; nil while it is a draft.
            let submittedOn: LocalDate?
            /// Submitted after the deadline, or not submitted and the deadline has passed.
            let developedLate: Bool
            let reviewStage: String
            let status: String
            let order: String?
            let publishedOn: LocalDate?
            /// Published after the deadline, or not published and the deadline has passed.
            let publishedLate: Bool
        }
        let schoolName: String
        /// nil when the school has no roadmap for the year.
        let progress: Progress?
        /// Without a roadmap: whether the deadline for developing it has passed.
        let late: Bool
    }
    let authorityID: Int
    let municipality: String
    let year: Int
    let developBy: LocalDate?
    let publishBy: LocalDate?
    let rows: [Row]
    let canManage: Bool
}

struct SchoolRoadmapsView {
    let model: SchoolRoadmapsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let year = model.year
        let developBy = model.developBy, publishBy = model.publishBy
        let rows = model.rows.map { row -> [BodyNode] in
            guard let p = row.progress else {
                return [.text(row.schoolName), el("span", [("class", row.late ? "tag chronic" : "tag")], text: row.late ? "не разработана, срок \(developBy?.russian ?? "") прошёл" : "не разработана"), .text("—"), .text("—")]
            }
            var developed = p.submittedOn.map { "подана \($0.russian)" } ?? "проект, не подана"
            if p.developedLate, let by = developBy { developed += p.submittedOn == nil ? ", срок \(by.russian) прошёл" : " (с опозданием)" }
            var site = p.publishedOn.map { "размещена \($0.russian)" } ?? "не размещена"
            if p.publishedLate, let by = publishBy { site += p.publishedOn == nil ? ", срок \(by.russian) прошёл" : " (с опозданием)" }
            return [
                link(row.schoolName, SiteRoute.roadmap(p.roadmapID).path),
                el("span", [("class", p.developedLate ? "tag chronic" : "tag firstTime")], text: developed),
                .text("\(p.reviewStage); \(p.status.lowercased())\(p.order.map { ", \($0)" } ?? "")"),
                el("span", [("class", p.publishedLate ? "tag chronic" : p.publishedOn == nil ? "tag" : "tag firstTime")], text: site),
            ]
        }
        var body: [BodyNode] = [heading("Школьные дорожные карты ШНОР \(year) года: \(model.municipality)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Год", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(para(developBy.map { "Срок разработки: до \($0.russian); размещения на сайте: до \(publishBy?.russian ?? "—")." } ?? "Сроки разработки и размещения на этот год не установлены.", cls: "muted"))
        if model.canManage {
            body.append(el("details", [], [
                el("summary", text: "Установить сроки"),
                postForm(SiteRoute.authority(model.authorityID, .schoolRoadmaps).path, csrf: csrf, cls: "row", [
                    voidEl("input", [("type", "hidden"), ("name", "year"), ("value", "\(year)")]),
                    stampField(EditStamp.of(values: [developBy?.iso ?? "", publishBy?.iso ?? ""])),
                    field("Разработать до", name: "developBy", value: developBy?.iso, type: "date", required: true),
                    field("Разместить на сайте до", name: "publishBy", value: publishBy?.iso, type: "date", required: true),
                    button("Сохранить"),
                ]),
            ]))
        }
        body.append(table(["Школа", "Разработка", "Согласование и утверждение", "Размещение на сайте"], rows))
        return layout.render(body)
    }
}
