import OporaCore
import Plot

/// The one page layout: header with the user and navigation, breadcrumbs, content, footer.
struct Layout {
    let title: String
    let user: User?
    let csrf: String?
    var breadcrumbs: [(String, String)] = []
    /// The page's own address: its menu item is marked as the current one.
    var current: String? = nil
    /// Which year the page shows when it is not the one asked for (`ShownYear`): under the title.
    var yearNote: String? = nil

    /// The note goes right after the page's heading, where the year is read.
    private func withYearNote(_ content: [BodyNode]) -> [BodyNode] {
        guard let yearNote, !content.isEmpty else { return content }
        return [content[0], notice(yearNote)] + content.dropFirst()
    }

    func render(_ content: [BodyNode]) -> String {
        let html = HTML(
            .lang(.russian),
            .head(
                .encoding(.utf8),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) — Опора"),
                .stylesheet(SiteRoute.styles.path)
            ),
            .body(.group([
                el("a", [("class", "skip"), ("href", "#main")], text: "Перейти к содержанию"),
                header(),
                el("main", [("id", "main"), ("class", "page")], crumbs() + withYearNote(content)),
                el("footer", [("class", "site-footer")], [
                    para("«Опора» — информационная система сопровождения школ с низкими образовательными результатами."),
                    el("p", [], [link("Открытый банк эффективных практик", SiteRoute.publicPractices.path)]),
                ]),
                el("script", [("src", SiteRoute.script.path)], []),
            ]))
        )
        return html.render()
    }

    /// A menu item; the one for the page being shown says so to the eye and to screen readers.
    private func menuLink(_ text: String, _ href: String) -> BodyNode {
        guard href == current else { return link(text, href) }
        return el("a", [("href", href), ("class", "current"), ("aria-current", "page")], text: text)
    }

    private func header() -> BodyNode {
        var nav: [BodyNode] = []
        if let user {
            nav = [
                menuLink("Главная", SiteRoute.home.path),
                menuLink("Муниципалитеты", SiteRoute.authorities.path),
            ]
            if let a = user.$authority.id, user.role == .coordinator || user.role == .methodologist {
                nav.append(menuLink("Школы", SiteRoute.authority(a, .schools).path))
                nav.append(menuLink("Списки", SiteRoute.authority(a, .lists).path))
                nav.append(menuLink("Динамика", SiteRoute.authority(a, .dynamics).path))
                nav.append(menuLink("Дорожные карты", SiteRoute.authority(a, .roadmaps).path))
                nav.append(menuLink("Риски", SiteRoute.authority(a, .riskSummary).path))
                nav.append(menuLink("Результаты", SiteRoute.authority(a, .results).path))
                nav.append(menuLink("Сопровождение", SiteRoute.authority(a, .support).path))
                nav.append(menuLink("Люди", SiteRoute.authority(a, .people).path))
            }
            if user.role.isRegional {
                nav.append(menuLink("Результаты", SiteRoute.regionResults.path))
            }
            if user.role == .regionalAdmin {
                nav.append(menuLink("Импорт реестра", SiteRoute.registryImport.path))
                nav.append(menuLink("Учётные записи", SiteRoute.accounts.path))
            }
            nav.append(menuLink("Факторы риска", SiteRoute.riskFactors.path))
            if user.role == .coordinator || user.role.isRegional {
                nav.append(menuLink("Журнал изменений", SiteRoute.audit.path))
            }
        }
        var account: [BodyNode] = []
        if let user {
            account = [
                link(user.fullName, SiteRoute.profile.path, cls: "who"),
                el("span", [("class", "role")], text: user.role.title),
                postForm(SiteRoute.logout.path, csrf: csrf ?? "", cls: "inline", [button("Выйти", cls: "link-button")]),
            ]
        }
        return el("header", [("class", "site-header")], [
            el("div", [("class", "brand")], [link("Опора", SiteRoute.home.path, cls: "logo"), el("span", [("class", "tagline")], text: "сопровождение ШНОР")]),
            el("nav", [("aria-label", "Основная навигация")], nav),
            el("div", [("class", "account")], account),
        ])
    }

    private func crumbs() -> [BodyNode] {
        guard !breadcrumbs.isEmpty else { return [] }
        return [el("nav", [("class", "crumbs"), ("aria-label", "Навигационная цепочка")], [
            el("ol", [], breadcrumbs.map { el("li", [], [link($0.0, $0.1)]) }),
        ])]
    }
}
