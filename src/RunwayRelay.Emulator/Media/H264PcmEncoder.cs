namespace RunwayRelay.Emulator.Media;

/// <summary>
/// A tiny H.264 encoder: Baseline profile, every frame an IDR picture whose macroblocks are all I_PCM
/// (raw samples). No prediction or entropy coding is needed, so the stream is simple to produce yet decodes
/// in every player. Only meant for small test pictures.
/// </summary>
internal static class H264PcmEncoder
{
    private const int MacroblockSize = 16;

    public static byte[] SequenceParameterSet(int widthInMbs, int heightInMbs)
    {
        var bits = new BitWriter();
        bits.Write(8, 66);          // profile_idc: Baseline
        bits.Write(8, 0xC0);        // constraint_set0 and constraint_set1: decodable by Baseline and Main decoders
        bits.Write(8, 30);          // level_idc 3.0: room for the PCM bit rate
        bits.WriteUe(0);            // seq_parameter_set_id
        bits.WriteUe(0);            // log2_max_frame_num_minus4
        bits.WriteUe(2);            // pic_order_cnt_type 2: output order = decoding order
        bits.WriteUe(1);            // max_num_ref_frames
        bits.Write(1, 0);           // gaps_in_frame_num_value_allowed_flag
        bits.WriteUe((uint)widthInMbs - 1);
        bits.WriteUe((uint)heightInMbs - 1);
        bits.Write(1, 1);           // frame_mbs_only_flag
        bits.Write(1, 1);           // direct_8x8_inference_flag
        bits.Write(1, 0);           // frame_cropping_flag
        bits.Write(1, 0);           // vui_parameters_present_flag
        bits.WriteTrailingBits();
        return NalUnit(refIdc: 3, type: 7, bits.ToArray());
    }

    public static byte[] PictureParameterSet()
    {
        var bits = new BitWriter();
        bits.WriteUe(0);            // pic_parameter_set_id
        bits.WriteUe(0);            // seq_parameter_set_id
        bits.Write(1, 0);           // entropy_coding_mode_flag: CAVLC
        bits.Write(1, 0);           // bottom_field_pic_order_in_frame_present_flag
        bits.WriteUe(0);            // num_slice_groups_minus1
        bits.WriteUe(0);            // num_ref_idx_l0_default_active_minus1
        bits.WriteUe(0);            // num_ref_idx_l1_default_active_minus1
        bits.Write(1, 0);           // weighted_pred_flag
        bits.Write(2, 0);           // weighted_bipred_idc
        bits.WriteSe(0);            // pic_init_qp_minus26
        bits.WriteSe(0);            // pic_init_qs_minus26
        bits.WriteSe(0);            // chroma_qp_index_offset
        bits.Write(1, 0);           // deblocking_filter_control_present_flag
        bits.Write(1, 0);           // constrained_intra_pred_flag
        bits.Write(1, 0);           // redundant_pic_cnt_present_flag
        bits.WriteTrailingBits();
        return NalUnit(refIdc: 3, type: 8, bits.ToArray());
    }

    /// <summary>One IDR slice covering the whole picture. Planes are 4:2:0, 8 bit, sizes multiples of 16.</summary>
    public static byte[] IdrSlice(int idrPicId, int widthInMbs, int heightInMbs, Func<int, int, byte> luma, Func<int, int, byte> cb, Func<int, int, byte> cr)
    {
        var bits = new BitWriter();
        bits.WriteUe(0);            // first_mb_in_slice
        bits.WriteUe(7);            // slice_type: I (all slices of the picture)
        bits.WriteUe(0);            // pic_parameter_set_id
        bits.Write(4, 0);           // frame_num (log2_max_frame_num = 4); 0 in IDR pictures
        bits.WriteUe((uint)idrPicId);
        bits.Write(1, 0);           // dec_ref_pic_marking: no_output_of_prior_pics_flag
        bits.Write(1, 0);           //                      long_term_reference_flag
        bits.WriteSe(0);            // slice_qp_delta

        for (var mbY = 0; mbY < heightInMbs; mbY++)
        {
            for (var mbX = 0; mbX < widthInMbs; mbX++)
            {
                bits.WriteUe(25);   // mb_type I_PCM
                bits.AlignWithZeros();
                for (var y = 0; y < MacroblockSize; y++)
                {
                    for (var x = 0; x < MacroblockSize; x++)
                    {
                        bits.WriteByte(luma(mbX * MacroblockSize + x, mbY * MacroblockSize + y));
                    }
                }
                foreach (var plane in new[] { cb, cr })
                {
                    for (var y = 0; y < MacroblockSize / 2; y++)
                    {
                        for (var x = 0; x < MacroblockSize / 2; x++)
                        {
                            bits.WriteByte(plane(mbX * MacroblockSize / 2 + x, mbY * MacroblockSize / 2 + y));
                        }
                    }
                }
            }
        }
        bits.WriteTrailingBits();
        return NalUnit(refIdc: 3, type: 5, bits.ToArray());
    }

    /// <summary>NAL header plus the payload with emulation-prevention bytes, without a start code.</summary>
    private static byte[] NalUnit(int refIdc, int type, byte[] rbsp)
    {
        var nal = new List<byte>(rbsp.Length + rbsp.Length / 64 + 1) { (byte)((refIdc << 5) | type) };
        var zeros = 0;
        foreach (var b in rbsp)
        {
            if (zeros >= 2 && b <= 3)
            {
                nal.Add(3);
                zeros = 0;
            }
            nal.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return [.. nal];
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _count;

        public void Write(int bitCount, ulong value)
        {
            for (var i = bitCount - 1; i >= 0; i--)
            {
                WriteBit((int)((value >> i) & 1));
            }
        }

        public void WriteUe(uint value)
        {
            var coded = (ulong)value + 1;
            var length = 64 - System.Numerics.BitOperations.LeadingZeroCount(coded);
            Write(length - 1, 0);
            Write(length, coded);
        }

        public void WriteSe(int value) => WriteUe(value <= 0 ? (uint)(-2L * value) : (uint)(2L * value - 1));

        public void WriteByte(byte value) => Write(8, value);

        public void AlignWithZeros()
        {
            while (_count != 0)
            {
                WriteBit(0);
            }
        }

        public void WriteTrailingBits()
        {
            WriteBit(1);
            AlignWithZeros();
        }

        public byte[] ToArray() => _count == 0 ? [.. _bytes] : throw new InvalidOperationException("unaligned bit stream");

        private void WriteBit(int bit)
        {
            _current = (_current << 1) | bit;
            if (++_count == 8)
            {
                _bytes.Add((byte)_current);
                _current = 0;
                _count = 0;
            }
        }
    }
}
