import OporaCore

/// One practice as anyone reads it: shared by the working page and the open catalogue, which
/// differ only in where a file is downloaded from (`fileURL` of each file is already that address).
struct PracticeCard {
    let title: String
    /// nil for a municipality's own practice.
    let schoolName: String?
    let authors: String
    /// Titles of the risk factors addressed, in the practice's order; unknown codes left out.
    let factorTitles: [String]
    /// As written: one paragraph per line.
    let description: String
    let links: [String]
    let files: [(name: String, url: String)]
}

struct PracticeCardView {
    let model: PracticeCard

    func nodes() -> [BodyNode] {
        let m = model
        var body: [BodyNode] = [heading(m.title)]
        body.append(table(["", ""], [
            [.text("Школа"), .text(m.schoolName ?? "муниципальная практика")],
            [.text("Авторы"), .text(m.authors)],
            [.text("Риски, на которые направлена"), .text(m.factorTitles.joined(separator: "; "))],
        ], cls: "data facts"))
        body.append(contentsOf: m.description.split(whereSeparator: \.isNewline).map { para(String($0)) })
        if !m.links.isEmpty { body.append(el("ul", [], m.links.map { el("li", [], [link($0, $0)]) })) }
        if !m.files.isEmpty { body.append(el("ul", [], m.files.map { f in el("li", [], [link(f.name, f.url)]) })) }
        return body
    }
}

/// The form that drafts a practice: on the municipality's bank and on a school's support page.
struct PracticeForm {
    enum SchoolChoice {
        /// A school's own form: the practice is that school's, sent as a hidden field.
        case fixed(Int)
        /// The municipality's form: one of its schools, or none for a municipal practice.
        case choose([(id: Int, name: String)])
    }

    let action: String
    let school: SchoolChoice
    let factors: [(code: String, title: String)]
}

struct PracticeFormView {
    let model: PracticeForm
    let csrf: String

    func node() -> BodyNode {
        let schoolField: BodyNode
        switch model.school {
        case .fixed(let id):
            schoolField = voidEl("input", [("type", "hidden"), ("name", "school"), ("value", String(id))])
        case .choose(let schools):
            schoolField = selectField("Школа", name: "school", options: [(value: "", title: "— муниципальная практика —")] + schools.map { (value: String($0.id), title: $0.name) }, selected: nil)
        }
        return el("details", [], [el("summary", text: "Описать практику"), postForm(model.action, csrf: csrf, [
            field("Название", name: "title", required: true), field("Авторы", name: "authors", required: true),
            schoolField,
            el("fieldset", [("class", "checks")], [el("legend", text: "Риски, на которые направлена")] + model.factors.map { f in
                el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "factor-\(f.code)"), ("value", "on")]), .text(" " + f.title)])
            }),
            textArea("Описание", name: "description", rows: 6, required: true), textArea("Ссылки (по одной в строке)", name: "links"), button("Сохранить черновик"),
        ])])
    }
}

/// The municipality's bank of practices.
struct PracticesPage {
    struct Row {
        let id: Int
        let title: String
        /// nil for a municipality's own practice.
        let schoolName: String?
        let authors: String
        let published: Bool
    }

    let authorityID: Int
    let municipality: String
    let practices: [Row]
    /// The drafting form, for whoever records the municipality's support; nil otherwise.
    let form: PracticeForm?
}

struct PracticesView {
    let model: PracticesPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("Банк эффективных практик: \(m.municipality)")]
        body.append(para("Опубликованные практики видны всем в открытом каталоге: \(SiteRoute.publicPractices.path).", cls: "muted"))
        body.append(m.practices.isEmpty ? para("Практик пока нет.", cls: "muted") : table(["Практика", "Школа", "Авторы", "Состояние"], m.practices.map { p in
            [link(p.title, SiteRoute.practice(p.id).path), .text(p.schoolName ?? "муниципалитет"), .text(p.authors),
             el("span", [("class", p.published ? "tag ok" : "tag")], text: p.published ? "опубликована" : "черновик")]
        }))
        if let form = m.form { body.append(PracticeFormView(model: form, csrf: csrf).node()) }
        return layout.render(body)
    }
}

/// One practice on the working page, with what its reader may do to it.
struct PracticePage {
    let id: Int
    let card: PracticeCard
    /// A draft, and the reader may publish it.
    let canPublish: Bool
    let published: Bool
    /// The date of publication as shown («» when it is not recorded).
    let publishedOn: String
    /// The reader may attach files: the school's keepers for a school's practice, the municipality otherwise.
    let canAttach: Bool
}

struct PracticeView {
    let model: PracticePage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body = PracticeCardView(model: m.card).nodes()
        if m.canPublish {
            body.append(postForm(SiteRoute.practice(m.id, .publish).path, csrf: csrf, [button("Опубликовать в открытом каталоге")]))
        }
        if m.published { body.append(para("Опубликована \(m.publishedOn): \(SiteRoute.publicPractice(m.id).path)", cls: "muted")) }
        if m.canAttach {
            body.append(postForm(SiteRoute.practice(m.id, .files).path, csrf: csrf, multipart: true, [
                el("div", [("class", "field")], [el("label", [("for", "f-pfile")], text: "Файл (до 5 МБ)"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-pfile"), ("required", "required")])]),
                button("Приложить файл", cls: "button secondary"),
            ]))
        }
        return layout.render(body)
    }
}

/// The open catalogue: published practices found by a search and a risk factor.
struct PracticeCataloguePage {
    struct Entry {
        let id: Int
        let title: String
        /// nil for a municipality's own practice.
        let schoolName: String?
        let municipality: String
        let authors: String
    }

    let query: String
    let factor: String
    let factors: [(code: String, title: String)]
    let practices: [Entry]
}

struct PracticeCatalogueView {
    let model: PracticeCataloguePage
    let layout: Layout

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("Банк эффективных практик")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [
            field("Поиск", name: "q", value: m.query, type: "search"),
            selectField("Риск", name: "factor", options: [(value: "", title: "любой")] + m.factors.map { (value: $0.code, title: $0.title) }, selected: m.factor),
            button("Найти"),
        ]))
        body.append(para("Найдено: \(RussianPlural.count(m.practices.count, "практика", "практики", "практик")).", cls: "muted"))
        body.append(contentsOf: m.practices.map { p in
            el("article", [("class", "practice")], [el("h2", [], [link(p.title, SiteRoute.publicPractice(p.id).path)]),
                                                    para("\(p.schoolName ?? "муниципальная практика"), \(p.municipality). Авторы: \(p.authors)", cls: "muted")])
        })
        return layout.render(body)
    }
}

/// A published practice in the open catalogue, without signing in.
struct PublicPracticeView {
    let model: PracticeCard
    let layout: Layout

    func render() -> String {
        layout.render(PracticeCardView(model: model).nodes())
    }
}
