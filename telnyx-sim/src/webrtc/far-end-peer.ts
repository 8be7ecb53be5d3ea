import { randomInt } from 'node:crypto';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, usePCMU } from 'werift';
import { decodeMulaw, MulawTone, PACKET_INTERVAL_MS, SAMPLE_RATE, SAMPLES_PER_PACKET } from './mulaw';

/**
 * The far end of a WebRTC call: a real peer (ICE, DTLS-SRTP) that speaks a 440 Hz tone in PCMU and
 * listens to what the browser sends. Holding the call silences it for real: no RTP leaves while held.
 */

export interface FarEndMediaStats {
  packets_sent: number;
  packets_received: number;
  /** RMS level of the received audio, 0 (silence) … 1 (full scale). */
  received_rms: number;
  received_ms: number;
}

/** What the far end keeps of the browser's audio: at most this many seconds of 8 kHz PCM. */
const MAX_CAPTURE_SECONDS = 300;
const PCMU_PAYLOAD_TYPE = 0;

export class FarEndPeer {
  private readonly pc: RTCPeerConnection;
  private readonly tone = new MulawTone();
  private readonly outgoing: MediaStreamTrack;
  private readonly header = new RtpHeader({
    payloadType: PCMU_PAYLOAD_TYPE,
    ssrc: randomInt(1, 2 ** 32 - 1),
    sequenceNumber: randomInt(0, 2 ** 16),
    timestamp: randomInt(0, 2 ** 32 - 1),
  });
  private sendTimer: NodeJS.Timeout | undefined;
  private held = false;
  private closed = false;
  private packetsSent = 0;
  private packetsReceived = 0;
  private sumOfSquares = 0;
  private samplesReceived = 0;
  private readonly captured: Int16Array[] = [];
  private capturedSamples = 0;

  private constructor() {
    this.pc = new RTCPeerConnection({
      codecs: { audio: [usePCMU()], video: [] },
      iceServers: [],
      // Loopback-only machines have no other host candidate the browser can reach.
      iceAdditionalHostAddresses: ['127.0.0.1'],
    });
    this.outgoing = new MediaStreamTrack({ kind: 'audio' });
    this.pc.addTransceiver(this.outgoing, { direction: 'sendrecv' });
    this.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => this.receive(rtp)));
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.startSending();
    });
  }

  /** Answers a browser's offer (inbound leg of an outbound call); resolves with the full answer SDP. */
  static async answering(offerSdp: string): Promise<{ peer: FarEndPeer; sdp: string }> {
    const peer = new FarEndPeer();
    try {
      await peer.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      return { peer, sdp: await peer.completeLocalSdp() };
    } catch (error) {
      peer.close();
      throw error;
    }
  }

  /** Makes an offer to send to a browser (a call ringing it); pass its answer to `accept`. */
  static async offering(): Promise<{ peer: FarEndPeer; sdp: string }> {
    const peer = new FarEndPeer();
    try {
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      return { peer, sdp: await peer.completeLocalSdp() };
    } catch (error) {
      peer.close();
      throw error;
    }
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  /** Held: the far end stops sending audio until it is resumed. */
  setHeld(held: boolean): void {
    this.held = held;
  }

  get isHeld(): boolean {
    return this.held;
  }

  stats(): FarEndMediaStats {
    return {
      packets_sent: this.packetsSent,
      packets_received: this.packetsReceived,
      received_rms: this.samplesReceived ? Math.sqrt(this.sumOfSquares / this.samplesReceived) / 0x8000 : 0,
      received_ms: Math.round((this.samplesReceived / SAMPLE_RATE) * 1000),
    };
  }

  /** The browser's audio as 8 kHz 16-bit PCM (the first minutes of it). */
  receivedAudio(): Int16Array {
    const pcm = new Int16Array(this.capturedSamples);
    let offset = 0;
    for (const chunk of this.captured) {
      pcm.set(chunk, offset);
      offset += chunk.length;
    }
    return pcm;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sendTimer);
    this.pc.close().catch(() => undefined);
  }

  private async completeLocalSdp(): Promise<string> {
    if (this.pc.iceGatheringState !== 'complete') {
      await this.pc.iceGatheringStateChange.watch((state) => state === 'complete', 10_000);
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('far end has no local description');
    return sdp;
  }

  private startSending(): void {
    if (this.sendTimer || this.closed) return;
    this.sendTimer = setInterval(() => this.sendPacket(), PACKET_INTERVAL_MS);
  }

  private sendPacket(): void {
    // RTP time runs on while held, so the browser sees a gap rather than a jump back.
    this.header.timestamp = (this.header.timestamp + SAMPLES_PER_PACKET) >>> 0;
    if (this.held) return;
    this.header.sequenceNumber = (this.header.sequenceNumber + 1) & 0xffff;
    this.outgoing.writeRtp(new RtpPacket(new RtpHeader({ ...this.header }), this.tone.nextPayload()));
    this.packetsSent++;
  }

  private receive(rtp: RtpPacket): void {
    if (rtp.header.payloadType !== PCMU_PAYLOAD_TYPE) return;
    this.packetsReceived++;
    const pcm = new Int16Array(rtp.payload.length);
    for (let i = 0; i < rtp.payload.length; i++) {
      const sample = decodeMulaw(rtp.payload[i] as number);
      pcm[i] = sample;
      this.sumOfSquares += sample * sample;
    }
    this.samplesReceived += pcm.length;
    if (this.capturedSamples + pcm.length <= MAX_CAPTURE_SECONDS * SAMPLE_RATE) {
      this.captured.push(pcm);
      this.capturedSamples += pcm.length;
    }
  }
}
