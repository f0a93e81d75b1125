// Configures WeChat's JS-SDK for this page and reports successful shares to the server.
(function () {
  var me = document.currentScript;
  var node = document.getElementById("wechat-share-config");
  if (!node || typeof window.wx === "undefined") { return; }
  var cfg = JSON.parse(node.textContent);
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";

  function report(channel) {
    var body = new URLSearchParams({ token: cfg.token, channel: channel });
    fetch(me.dataset.shareUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": decodeURIComponent(csrf) }
    });
  }

  wx.config({
    debug: false,
    appId: cfg.appId,
    timestamp: cfg.timestamp,
    nonceStr: cfg.nonceStr,
    signature: cfg.signature,
    jsApiList: ["updateAppMessageShareData", "updateTimelineShareData", "onMenuShareAppMessage", "onMenuShareTimeline"]
  });
  wx.ready(function () {
    var share = { title: cfg.title || document.title, desc: cfg.desc, link: cfg.link, imgUrl: "" };
    // The newer APIs set the content only; the legacy ones still report a completed share.
    wx.updateAppMessageShareData(share);
    wx.updateTimelineShareData(share);
    wx.onMenuShareAppMessage(Object.assign({}, share, { success: function () { report("wechat_friend"); } }));
    wx.onMenuShareTimeline(Object.assign({}, share, { success: function () { report("wechat_timeline"); } }));
  });
})();
