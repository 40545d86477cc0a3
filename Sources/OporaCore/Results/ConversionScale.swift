/// The official scale that turns a primary score into a mark (шкала перевода первичных баллов
/// в отметки): the lowest primary score of «3», «4» and «5».
public struct ConversionScale: Sendable, Equatable, Codable {
    public let three: Int
    public let four: Int
    public let five: Int

    public init?(three: Int, four: Int, five: Int) {
        guard 0 < three, three < four, four < five else { return nil }
        self.three = three
        self.four = four
        self.five = five
    }

    /// «6–10–14», «6, 10, 14» or «6 10 14».
    public init?(parsing text: String) {
        let numbers = DeadlineParser.matches(#"(\d+)"#, in: text).compactMap { Int($0[1]) }
        guard numbers.count == 3 else { return nil }
        self.init(three: numbers[0], four: numbers[1], five: numbers[2])
    }

    public func mark(_ primary: Double) -> Int {
        switch primary {
        case Double(five)...: 5
        case Double(four)...: 4
        case Double(three)...: 3
        default: 2
        }
    }

    public var text: String { "«3» — от \(three), «4» — от \(four), «5» — от \(five)" }
}
