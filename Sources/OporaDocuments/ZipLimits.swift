import Foundation
import ZIPFoundation

/// What one part of an uploaded XLSX or DOCX may inflate to. A ZIP says how big its parts are,
/// but a hostile one lies or packs 2 GB of one repeated byte into 2 MB (a «zip bomb»): parts are
/// checked against these limits by their declared sizes before inflating, and the bytes
/// actually inflated are counted so that a lie stops at the limit, not at the end of memory.
public struct ZipLimits: Sendable, Equatable {
    /// The most one part may inflate to.
    public var partBytes: Int64
    /// The most a part above a megabyte may grow by when inflated. Real sheets and documents
    /// grow 5–30 times; a bomb grows a thousand.
    public var ratio: Int64

    public init(partBytes: Int64, ratio: Int64 = 200) {
        self.partBytes = partBytes
        self.ratio = ratio
    }

    /// Lists, registries, deficits, scales, roadmaps: read whole into memory, so kept small.
    public static let table = ZipLimits(partBytes: 128 << 20)
    /// A region's results file, read as a stream: its sheet may be gigabytes of XML.
    public static let results = ZipLimits(partBytes: XLSXReader.maxSheetBytes)
    /// A Word document's text.
    public static let document = ZipLimits(partBytes: 64 << 20)
    /// Small parts that only say where the others are (workbook, relationships).
    public static let index = ZipLimits(partBytes: 16 << 20)

    /// Throws unless the part may be inflated under these limits.
    func check(_ entry: Entry, describedAs name: String) throws {
        let size = Int64(clamping: entry.uncompressedSize), packed = max(Int64(clamping: entry.compressedSize), 1)
        guard size <= partBytes else {
            throw DocumentError.unreadable("часть файла «\(name)» распаковывается в \(Self.megabytes(size)) — больше допустимых \(Self.megabytes(partBytes))")
        }
        guard size <= 1 << 20 || size / packed <= ratio else {
            throw DocumentError.unreadable("часть файла «\(name)» сжата в \(size / packed) раз — так сжимают только «zip-бомбы»; сохраните файл заново в Excel или Word")
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) ГБ" : "\(max(bytes >> 20, 1)) МБ"
    }
}

extension Archive {
    /// Inflates one part in chunks under `limits`, stopping as soon as it yields more than it
    /// declared or than the limits allow.
    func extract(_ entry: Entry, name: String? = nil, within limits: ZipLimits, bufferSize: Int = 256 * 1024,
                 _ consumer: (Data) throws -> Void) throws {
        let label = name ?? entry.path
        try limits.check(entry, describedAs: label)
        let declared = Int64(clamping: entry.uncompressedSize)
        var inflated: Int64 = 0
        _ = try extract(entry, bufferSize: bufferSize, skipCRC32: true) { chunk in
            inflated += Int64(chunk.count)
            guard inflated <= declared, inflated <= limits.partBytes else {
                throw DocumentError.unreadable("часть файла «\(label)» распаковывается в больше, чем о себе сообщает: файл повреждён или подделан")
            }
            try consumer(chunk)
        }
    }

    /// One whole part in memory under `limits`, or nil when the package has no such part.
    func part(_ path: String, within limits: ZipLimits) throws -> Data? {
        guard let entry = self[path] else { return nil }
        var bytes = Data()
        try extract(entry, within: limits) { bytes.append($0) }
        return bytes
    }
}

extension Archive {
    /// Opens a package held in memory for reading. ZIPFoundation's in-memory reader traps (ends
    /// the process) on a package whose offsets point past its end — found by `opora-fuzz` — so the
    /// bytes go to a temporary file, where such an offset is only a failed read; the file is
    /// unlinked at once and lives on only as the open handle.
    static func reading(_ data: Data) throws -> Archive {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opora-package-\(UUID().uuidString)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try Archive(url: url, accessMode: .read)
    }
}
