import OporaCore

/// Next year's lists proposed from the results of `year - 1` and `year`.
struct ProposalPage {
    let authorityID: Int
    let municipality: String
    /// The last year of results compared; the lists proposed are for the year after.
    let year: Int
    let proposals: [ListProposalRule.Proposal]
    /// The reader may adopt the proposal (asked only when there is something to adopt).
    let canManage: Bool
}

struct ProposalView {
    let model: ProposalPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        let year = m.year
        var body: [BodyNode] = [heading("Предложение списков на \(year + 1) год: \(m.municipality)")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("По результатам ВПР за годы до", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        body.append(para("Правило: доля «2» по ВПР (все классы вместе) по русскому языку и математике сравнивается со средней по муниципалитету за \(year - 1) и \(year) годы. Выше по обоим предметам в оба года — ШНОР; выше хотя бы в одном случае — предШНОР.", cls: "muted"))
        if m.proposals.isEmpty {
            body.append(para("По результатам \(year - 1)–\(year) годов школ для списков не предлагается (или результатов нет).", cls: "muted"))
        } else {
            body.append(table(["Школа", "Предлагаемый список", "Основание"], m.proposals.map { [link($0.school, SiteRoute.school($0.schoolID).path), .text($0.status.abbreviation), .text($0.basis)] }))
            if m.canManage {
                body.append(postForm(SiteRoute.authority(m.authorityID, .listProposal).path + "?year=\(year)", csrf: csrf, [
                    para("Принятие заменит списки ШНОР и предШНОР \(year + 1) года предложенными; изменить их можно и после.", cls: "muted"),
                    button("Принять в списки \(year + 1) года"),
                ]))
            }
        }
        return layout.render(body)
    }
}
