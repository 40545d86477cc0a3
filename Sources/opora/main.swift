import Foundation
import Logging
import OporaApp
import Vapor

// `serve --demo` is ours, not Vapor's: take it out before Vapor parses the command line.
var arguments = CommandLine.arguments
let demo = arguments.contains("--demo")
arguments.removeAll { $0 == "--demo" }

// `opora` alone serves, like `opora serve`.
let serving = arguments.count < 2 || arguments[1] == "serve" || arguments[1].hasPrefix("-")
var env = try Environment.detect(arguments: arguments)
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
do {
    try await configure(app, settings: .fromEnvironment(demo: demo, serving: serving))
    try await app.execute()
} catch {
    // Commands fail with a Russian message meant for the user; print it without a trace.
    FileHandle.standardError.write(Data("Ошибка: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
