import Fluent
import Foundation
import Vapor

/// Optimistic locking for edit forms without a version column in every table: a form carries
/// the stamp of the record as it was shown (a digest of its stored fields), and the save is
/// refused when the record's stamp has changed since — someone else saved it in between.
/// The later save then shows what the record holds now instead of silently reverting it.
enum EditStamp {
    static let field = "_stamp"

    /// A digest of the model's stored columns as they are now (a parent by its id); relations
    /// loaded with it do not count, so a record shown with its children and the same record read
    /// alone have the same stamp.
    static func of<M: Model>(_ model: M) -> String {
        let columns = Columns()
        for case let property as any AnyDatabaseProperty in model.properties { property.input(to: columns) }
        return of(values: columns.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
    }

    /// Receives every stored column's current value (not only the changed ones).
    private final class Columns: DatabaseInput {
        var values: [String: String] = [:]
        var wantsUnmodifiedKeys: Bool { true }
        func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key.description] = "\(value)" }
    }

    /// A stamp of chosen values, for records where some columns change on their own (an account's
    /// password hash changes when its owner signs in for the first time — not an edit conflict).
    static func of(values: [String]) -> String {
        String(SHA256.hash(data: Data(values.joined(separator: "\u{1}").utf8)).hex.prefix(24))
    }

    /// The stamp of a record not yet created (a first report on an occurrence).
    static let absent = "new"

    static func of<M: Model>(_ model: M?) -> String { model.map { of($0) } ?? absent }

    /// The hidden field of an edit form.
    static func input<M: Model>(_ model: M?) -> BodyNode {
        voidEl("input", [("type", "hidden"), ("name", field), ("value", of(model))])
    }
}

/// The hidden field with a stamp computed by the controller.
func stampField(_ stamp: String) -> BodyNode {
    voidEl("input", [("type", "hidden"), ("name", EditStamp.field), ("value", stamp)])
}

/// Someone saved the record after this form was opened. `current` says what it holds now.
struct EditConflict: Error {
    let current: String
    let back: String
}

extension Request {
    /// Refuses the save when the form's stamp (if it sent one) is not the record's current one.
    func ensureUnchanged<M: Model>(_ model: M?, now current: @autoclosure () -> String, back: String) throws {
        try ensureUnchanged(stamp: EditStamp.of(model), now: current(), back: back)
    }

    /// The same against a stamp the handler computed (`EditStamp.of(values:)`).
    func ensureUnchanged(stamp: String, now current: @autoclosure () -> String, back: String) throws {
        guard let sent = try? content.get(String.self, at: EditStamp.field), !sent.isEmpty else { return }
        guard sent == stamp else { throw EditConflict(current: current(), back: back) }
    }
}
