import Foundation
import ZIPFoundation

/// gzip (RFC 1952) of a whole body in memory: the raw deflate stream ZIPFoundation makes for
/// ZIP entries, framed with gzip's header and trailer. Used for pages kept compressed, so a
/// cached page is deflated once rather than on every response.
public enum Gzip {
    public static func compress(_ data: Data) throws -> Data {
        var out = Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])   // magic, deflate, no flags, no time, unknown OS
        let crc = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { out.append($0) })
        for value in [crc, UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }
}
