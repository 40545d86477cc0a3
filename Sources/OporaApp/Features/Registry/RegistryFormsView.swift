import OporaCore

/// The fields of a school in the registry, for the edit page and the «add a school» form.
/// Region-owned fields (login, exam code, ИНН) are inputs only for the region's administrator.
enum SchoolFields {
    static func nodes(_ r: SchoolRecord?, regionOwnedEditable: Bool, idPrefix: String = "s") -> [BodyNode] {
        func f(_ label: String, _ name: String, _ value: String?, required: Bool = false, placeholder: String? = nil) -> BodyNode {
            field(label, name: name, value: value, required: required, placeholder: placeholder, id: "\(idPrefix)-\(name)")
        }
        var nodes: [BodyNode] = [
            f("Краткое наименование", "shortName", r?.shortName, required: true, placeholder: "МБОУ СОШ № 5"),
            f("Полное наименование", "fullName", r?.fullName, placeholder: "Муниципальное бюджетное общеобразовательное учреждение …"),
            // A new school's kind is read from its name unless one is chosen.
            selectField("Вид", name: "kind", options: (r == nil ? [("", "по наименованию")] : []) + SchoolKind.allCases.map { ($0.rawValue, $0.title) },
                        selected: r?.kind.rawValue ?? "", id: "\(idPrefix)-kind"),
            f("Организационно-правовая форма", "legalForm", r?.legalForm, placeholder: "МБОУ"),
            f("Номер", "number", r?.number.map(String.init)),
        ]
        if regionOwnedEditable {
            nodes += [
                f("Логин ФИС ОКО", "fisLogin", r?.fisLogin, placeholder: "sch420001"),
                f("Код ОО (РЦОИ)", "examCode", r?.examCode),
                f("ИНН", "inn", r?.inn),
            ]
        } else if let r {
            nodes.append(el("dl", [("class", "facts")], [
                el("dt", text: "Логин ФИС ОКО"), el("dd", text: r.fisLogin ?? "—"),
                el("dt", text: "Код ОО (РЦОИ)"), el("dd", text: r.examCode ?? "—"),
                el("dt", text: "ИНН"), el("dd", text: (r.inn ?? "—") + " (ведёт регион)"),
            ]))
        }
        nodes += [
            f("Адрес", "address", r?.address),
            selectField("Местность", name: "locality", options: [("", "не указано")] + Locality.allCases.map { ($0.rawValue, $0.title) },
                        selected: r?.locality?.rawValue ?? "", id: "\(idPrefix)-locality"),
            selectField("Малокомплектная школа", name: "small", options: [("no", "нет"), ("yes", "да")], selected: r?.small == true ? "yes" : "no", id: "\(idPrefix)-small"),
            f("Руководитель (ФИО)", "headName", r?.headName),
        ]
        return nodes
    }
}

struct SchoolEditPage {
    let id: Int
    let authorityID: Int
    let municipality: String
    let record: SchoolRecord
    let status: String?
    let isRegion: Bool
    let isActive: Bool
    /// Other working schools of the municipality, for a merge.
    let others: [(id: Int, name: String)]
    var message: String?
    /// `EditStamp` of the school as shown.
    var stamp = ""
}

struct SchoolEditView {
    let model: SchoolEditPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Сведения о школе: \(model.record.shortName)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        if let s = model.status { body.append(notice("Школа \(s).", kind: "info")) }
        if !model.isRegion {
            body.append(para("Логин ФИС ОКО, код ОО и ИНН ведёт регион; остальные сведения о школах своего муниципалитета изменяет координатор.", cls: "muted"))
        }
        body.append(postForm(SiteRoute.school(model.id, .edit).path, csrf: csrf, [stampField(model.stamp)] + SchoolFields.nodes(model.record, regionOwnedEditable: model.isRegion) + [button("Сохранить")]))
        if model.isRegion && model.isActive {
            body.append(subheading("Закрытие и реорганизация"))
            body.append(para("Закрытая школа остаётся в прошлых списках, отчётах и результатах. Присоединённая к другой школе — входит в её историю, списки и результаты.", cls: "muted"))
            body.append(el("details", [], [
                el("summary", text: "Закрыть школу"),
                postForm(SiteRoute.school(model.id, .close).path, csrf: csrf, cls: "row", [
                    field("Дата закрытия", name: "date", type: "date", required: true, id: "close-date"),
                    field("Причина", name: "reason", required: true, placeholder: "ликвидирована постановлением № …", id: "close-reason"),
                    button("Закрыть", cls: "button danger"),
                ]),
            ]))
            if !model.others.isEmpty {
                body.append(el("details", [], [
                    el("summary", text: "Реорганизация: присоединить к другой школе"),
                    postForm(SiteRoute.school(model.id, .merge).path, csrf: csrf, cls: "row", [
                        selectField("Присоединить к", name: "into", options: model.others.map { ("\($0.id)", $0.name) }, selected: nil, id: "merge-into"),
                        field("Дата реорганизации", name: "date", type: "date", required: true, id: "merge-date"),
                        button("Присоединить", cls: "button danger"),
                    ]),
                ]))
            }
        }
        return layout.render(body)
    }
}

struct AuthorityEditPage {
    let id: Int
    let code: String
    let municipality: String
    let name: String
    let shortName: String
    let address: String?
    let headName: String?
    let headPosition: String?
    let closed: String?
    let organizations: [(id: Int, kind: OrganizationKind, name: String, shortName: String, address: String?, closed: String?)]
    var message: String?
    /// `EditStamp` of the municipality as shown.
    var stamp = ""
}

struct AuthorityEditView {
    let model: AuthorityEditPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Сведения о муниципалитете: \(model.municipality)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        if let c = model.closed { body.append(notice("Муниципалитет закрыт: \(c).")) }
        body.append(postForm(SiteRoute.authority(model.id, .edit).path, csrf: csrf, [stampField(model.stamp)] + AuthorityFields.nodes(
            code: model.code, municipality: model.municipality, name: model.name, shortName: model.shortName, address: model.address,
            headName: model.headName, headPosition: model.headPosition) + [button("Сохранить")]))
        body.append(subheading("Методические центры и организации"))
        if model.organizations.isEmpty { body.append(para("Организации не внесены.", cls: "muted")) }
        for o in model.organizations {
            body.append(el("details", [], [
                el("summary", text: o.shortName + (o.closed.map { " (закрыта \($0))" } ?? "")),
                postForm(SiteRoute.organization(o.id).path, csrf: csrf, [stampField(RegistryAdminController.organizationStamp(o.kind, o.name, o.shortName, o.address))]
                         + OrganizationFields.nodes(kind: o.kind, name: o.name, shortName: o.shortName, address: o.address, idPrefix: "o\(o.id)")
                         + [button("Сохранить")]),
                o.closed == nil ? postForm(SiteRoute.organization(o.id, .close).path, csrf: csrf, cls: "row", [
                    field("Дата закрытия", name: "date", type: "date", required: true, id: "o\(o.id)-date"),
                    button("Закрыть организацию", cls: "button danger"),
                ]) : .text(""),
            ]))
        }
        body.append(el("details", [], [
            el("summary", text: "Добавить методический центр или организацию"),
            postForm(SiteRoute.authority(model.id, .organizations).path, csrf: csrf, OrganizationFields.nodes(kind: .methodCentre, name: "", shortName: "", address: nil, idPrefix: "new-org") + [button("Добавить")]),
        ]))
        if model.closed == nil {
            body.append(subheading("Закрыть муниципалитет"))
            body.append(para("Закрытый муниципалитет со всеми школами, списками и отчётами остаётся в реестре; новые школы в него не добавляются.", cls: "muted"))
            body.append(postForm(SiteRoute.authority(model.id, .close).path, csrf: csrf, cls: "row", [
                field("Дата", name: "date", type: "date", required: true, id: "a-close-date"),
                field("Причина", name: "reason", required: true, placeholder: "преобразован в муниципальный округ", id: "a-close-reason"),
                button("Закрыть", cls: "button danger"),
            ]))
        }
        return layout.render(body)
    }
}

enum AuthorityFields {
    static func nodes(code: String?, municipality: String?, name: String?, shortName: String?, address: String?, headName: String?, headPosition: String?) -> [BodyNode] {
        [
            field("Код (латиницей; в адресах и командах)", name: "code", value: code, placeholder: "yurga", id: "a-code"),
            field("Муниципалитет", name: "municipality", value: municipality, required: true, placeholder: "Юргинский городской округ", id: "a-municipality"),
            field("Полное наименование органа управления образованием", name: "name", value: name, id: "a-name"),
            field("Краткое наименование", name: "shortName", value: shortName, id: "a-short"),
            field("Адрес", name: "address", value: address, id: "a-address"),
            field("Руководитель (ФИО)", name: "headName", value: headName, id: "a-head"),
            field("Должность руководителя", name: "headPosition", value: headPosition, id: "a-head-position"),
        ]
    }
}

enum OrganizationFields {
    static func nodes(kind: OrganizationKind, name: String, shortName: String, address: String?, idPrefix: String) -> [BodyNode] {
        [
            selectField("Вид", name: "kind", options: OrganizationKind.allCases.map { ($0.rawValue, $0.title) }, selected: kind.rawValue, id: "\(idPrefix)-kind"),
            field("Полное наименование", name: "name", value: name, required: true, id: "\(idPrefix)-name"),
            field("Краткое наименование", name: "shortName", value: shortName, id: "\(idPrefix)-short"),
            field("Адрес", name: "address", value: address, id: "\(idPrefix)-address"),
        ]
    }
}
