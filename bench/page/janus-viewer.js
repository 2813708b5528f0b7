// Loaded into the bench's blank viewer page for the Janus run: answers a Janus streaming offer
// with a plain RTCPeerConnection (no trickle: the answer carries its candidates) and plays the
// track in a <video> inside an element labelled with the camera, where frame-probe.js finds it.
/* global window, document, RTCPeerConnection, MediaStream */
(() => {
  const peers = [];
  window.__janusViewer = {
    async answer(offerSdp, cameraLabel) {
      const holder = document.createElement('div');
      holder.setAttribute('data-camera-id', cameraLabel);
      holder.style.cssText = 'display:inline-block;width:320px;height:180px';
      document.body.appendChild(holder);
      const pc = new RTCPeerConnection({ iceServers: [] });
      peers.push(pc);
      pc.ontrack = (event) => {
        const video = document.createElement('video');
        video.muted = true;
        video.autoplay = true;
        video.playsInline = true;
        video.style.cssText = 'width:100%;height:100%';
        video.srcObject = new MediaStream([event.track]);
        holder.appendChild(video);
        video.play().catch(() => undefined);
      };
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        const timer = setTimeout(resolve, 3000);
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      return pc.localDescription.sdp;
    },
    states() {
      return peers.map((pc) => pc.connectionState);
    },
    closeAll() {
      for (const pc of peers.splice(0)) pc.close();
      document.body.textContent = '';
    },
  };
})();
