import Fluent

/// 013: conversion scales (primary score → mark) per test and year, with their source; results record which scale produced their marks.
struct M013_Scales: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("conversion_scales")
            .field(.id, .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("grade", .int, .required)
            .field("year", .int, .required)
            .field("three", .int, .required)
            .field("four", .int, .required)
            .field("five", .int, .required)
            .field("source", .string, .required)
            .unique(on: "kind", "subject", "grade", "year")
            .create()
        try await db.schema("result_imports").field("marks_source", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("result_imports").deleteField("marks_source").update()
        try await db.schema("conversion_scales").delete()
    }
}
