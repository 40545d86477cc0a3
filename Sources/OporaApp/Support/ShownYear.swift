import OporaCore
import Vapor

/// The year a page opens on. A new calendar or school year starts empty, and an official who
/// opens a page on it sees nothing and thinks the data are lost; so a page opens on the year
/// asked for, else the latest that has data — and says so when that is not the year under way.
struct ShownYear {
    let year: Int
    /// «Показан 2024 год — последний, за который есть данные …», for the layout to show under
    /// the page's title; nil when the page shows the year asked for or the year under way.
    let note: String?

    /// `name` words a year («2024 год», «2024/2025 учебный год»).
    init(asked: Int?, latest: Int?, current: Int, name: (Int) -> String = { "\($0) год" }) {
        if let asked {
            (year, note) = (asked, nil)
        } else if let latest, latest != current {
            year = latest
            note = "Показан \(name(latest)) — последний, за который есть данные"
                + (latest < current ? "; за \(name(current)) данных пока нет." : ".")
        } else {
            (year, note) = (current, nil)
        }
    }

    /// A school year by its first calendar year.
    static func schoolYearName(_ y: Int) -> String { "\(y)/\(y + 1) учебный год" }
}
